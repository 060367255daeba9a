package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import mockwebserver3.MockResponse;
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
