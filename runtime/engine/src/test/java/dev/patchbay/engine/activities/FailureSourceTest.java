package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a plugin's code sees of a failed request: whether the provider answered (with its status) or the host failed
 * on its own ({@code ConnectorException.source()}), through the relay plugin's {@code faults.raise probe}.
 */
class FailureSourceTest extends RelayTestBase {

  private JsonNode probe() throws ActivityException {
    return harness.run("faults.raise", "{\"kind\":\"probe\"}").output();
  }

  @Test
  void theProvidersAnswerIsAProviderFailureWithItsStatus() throws Exception {
    harness.respond(404, "{\"code\":2002,\"message\":\"No such thing\"}");

    JsonNode seen = probe();

    assertEquals("PROVIDER", seen.path("source").asString());
    assertFalse(seen.path("fromHost").asBoolean());
    assertEquals(404, seen.path("status").asInt());
  }

  @Test
  void aRefreshThatFailsIsTheHostsWithNoAnswer() throws Exception {
    // One token and no refresh: the token is rejected and the refresh that follows fails.
    harness.close();
    harness = new Harness(relay.catalog(), RateLimiters.withDefaults(), "token-1");
    harness.respond(401, "{}");

    JsonNode seen = probe();

    assertEquals("TOKEN_REFRESH", seen.path("source").asString());
    assertEquals(true, seen.path("fromHost").asBoolean());
    assertFalse(seen.has("status"), seen.toString());
  }

  @Test
  void aRequestCutShortByTheActivitysDeadlineIsTheHostsDeadline() throws Exception {
    // Three requests a minute, the burst used up: the probe waits 20 s (on the test's clock) for its permit and has
    // 200 ms left for a request the provider answers in 2 s.
    harness.connection = harness.connection.withRateLimits(Map.of("light", RateLimit.perMinute(3)));
    harness.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        boolean probe = request.getUrl().encodedPath().endsWith("/things/x");
        return Harness.jsonResponse(200, "{\"id\":\"1\"}").headersDelay(probe ? 2 : 0, TimeUnit.SECONDS).build();
      }
    });
    for (int i = 0; i < 3; i++) {
      harness.run("things.get", "{\"id\":\"1\"}");
    }

    JsonNode seen = harness.runner.run(harness.call("faults.raise", "{\"kind\":\"probe\"}")
        .withTimeout(Duration.ofSeconds(20).plusMillis(200))).output();

    assertEquals("DEADLINE", seen.path("source").asString());
    assertEquals(true, seen.path("fromHost").asBoolean());
  }

  @Test
  void noAnswerIsANetworkFailure() throws Exception {
    for (int i = 0; i < 5; i++) {
      harness.server.enqueue(new MockResponse.Builder()
          .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    JsonNode seen = probe();

    assertEquals("NETWORK", seen.path("source").asString());
    assertFalse(seen.path("fromHost").asBoolean());
  }
}
