package dev.patchbay.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestLogTest {

  @Test
  void aSignInsIdNeverReachesTheLog() {
    assertEquals("/oauth/start/[redacted]", RequestLog.loggable("/oauth/start/Zx9-canary_id"));
    assertEquals("/api/sign-ins/[redacted]", RequestLog.loggable("/api/sign-ins/Zx9-canary_id"));
    assertEquals("/oauth/callback/zoom", RequestLog.loggable("/oauth/callback/zoom"));
    assertEquals("/api/connections/work", RequestLog.loggable("/api/connections/work"));
  }
}
