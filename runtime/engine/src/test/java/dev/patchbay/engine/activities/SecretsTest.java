package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY R6/R19 with canary tokens: a token reaches the wire only in the Authorization header, and never an
 * exception message, an error's details or toString, a request URL, or a log line, even when the provider echoes
 * it back.
 */
class SecretsTest extends RelayTestBase {

  private static final String FIRST = "CANARY-at-1f9e3c";
  private static final String SECOND = "CANARY-at-2b7c8d";

  @Override
  Harness newHarness() {
    return new Harness(relay.catalog(), RateLimiters.withDefaults(), FIRST, SECOND);
  }

  static void assertNoCanary(String where, String text) {
    assertFalse(text.contains("CANARY"), where + " contains a token: " + text);
  }

  static void assertNoCanary(ActivityException failure) {
    assertNoCanary("getMessage()", failure.getMessage());
    assertNoCanary("toString()", failure.toString());
    assertNoCanary("error().toString()", failure.error().toString());
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      assertNoCanary("a cause", cause.toString());
    }
  }

  /** Runs {@code operation} capturing everything logged meanwhile. */
  String logsOf(Runnable run) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tokensEchoedByTheProviderAreRedactedEverywhere() throws Exception {
    harness.respond(401, "{\"code\":124,\"message\":\"Invalid access token: " + FIRST + "\"}");
    harness.respond(401, "{\"code\":124,\"message\":\"Token " + SECOND + " was revoked\"}");

    ActivityException failure = assertThrows(ActivityException.class,
        () -> harness.run("things.get", "{\"id\":\"7\"}"));

    assertEquals(ErrorCode.NEEDS_REAUTH, failure.code());
    assertEquals("Relay answered HTTP 401 with error 124: Token [secret] was revoked. Relay rejected the token even "
        + "after a refresh; reconnect.", failure.getMessage());
    assertEquals("Token [secret] was revoked", failure.error().details().get(ActivityError.PROVIDER_MESSAGE));
    assertNoCanary(failure);
    RecordedRequest first = harness.request();
    RecordedRequest second = harness.request();
    assertEquals("Bearer " + FIRST, first.getHeaders().get("Authorization"));
    assertEquals("Bearer " + SECOND, second.getHeaders().get("Authorization"));
    assertNoCanary("a request URL", first.getUrl().toString());
    assertNoCanary("a request URL", second.getUrl().toString());
  }

  @Test
  void tokenInAnyProviderErrorIsRedacted() {
    harness.respond(400, "{\"code\":2001,\"message\":\"Header Bearer " + FIRST + " is not allowed here\"}");

    ActivityException failure = assertThrows(ActivityException.class,
        () -> harness.run("things.create", "{\"name\":\"lamp\"}"));

    assertEquals("Relay answered HTTP 400 with error 2001: Header Bearer [secret] is not allowed here. Fix the "
        + "thing's fields.", failure.getMessage());
    assertNoCanary(failure);
  }

  @Test
  void nothingLoggedWhileRetryingAndFailingCarriesAToken() throws Exception {
    String logs = logsOf(() -> {
      harness.respond(401, "{\"code\":124,\"message\":\"expired " + FIRST + "\"}");
      harness.respond(503, "{\"code\":\"busy\",\"message\":\"busy with " + SECOND + "\"}");
      harness.respond(500, "{\"code\":\"oops\",\"message\":\"" + SECOND + "\"}");
      harness.respond(500, "{\"code\":\"oops\",\"message\":\"" + SECOND + "\"}");
      harness.respond(500, "{\"code\":\"oops\",\"message\":\"" + SECOND + "\"}");
      ActivityException failure = assertThrows(ActivityException.class,
          () -> harness.run("things.get", "{\"id\":\"7\"}"));
      assertNoCanary(failure);
    });

    assertTrue(logs.contains("relay/things.get: GET /things/{id} failed (UPSTREAM_ERROR); attempt 2 of 4"),
        "the retries must have been logged, else this test proves nothing:\n" + logs);
    assertNoCanary("the log", logs);
    // The first attempt is the 401, the refreshed retry and its 503; three more attempts follow.
    assertEquals(5, harness.server.getRequestCount());
    assertTrue(harness.server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization").endsWith(FIRST));
  }

  @Test
  void pluginWrappingAProviderErrorPassesOnNoToken() {
    harness.respond(400, "{\"code\":2001,\"message\":\"Token " + FIRST + " may not read things\"}");

    ActivityException failure = assertThrows(ActivityException.class,
        () -> harness.run("faults.raise", "{\"kind\":\"wrapFailure\"}"));

    assertEquals(ErrorCode.PLUGIN_ERROR, failure.code());
    assertTrue(failure.getMessage().contains("Token [secret] may not read things"), failure.getMessage());
    assertNoCanary(failure);
  }
}
