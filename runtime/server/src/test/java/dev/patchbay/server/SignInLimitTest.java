package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sign-ins nobody finishes cannot pile up without bound. */
class SignInLimitTest {

  @Test
  void theThousandAndFirstUnfinishedSignInIsRefused() throws Exception {
    try (SandboxServer fixture = SandboxServer.start()) {
      String body = "{\"connector\":\"zoom\",\"authType\":\"oauth\",\"name\":\"n\"}";
      for (int i = 0; i < 1000; i++) {
        assertEquals(202, fixture.api.post("/api/connections", body).status());
      }

      Api.Answer refused = fixture.api.post("/api/connections", body);

      assertEquals(429, refused.status());
      assertEquals("RATE_LIMITED", refused.code());
      assertTrue(refused.json().path("message").asString().startsWith("the server holds 1000 sign-ins already"),
          refused.body());
    }
  }
}
