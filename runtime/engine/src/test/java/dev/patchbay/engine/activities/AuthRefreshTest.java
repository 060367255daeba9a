package dev.patchbay.engine.activities;

import static dev.patchbay.engine.activities.Harness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A 401 gets one token refresh and one more try, for any method; a second 401 means reconnecting. */
class AuthRefreshTest extends RelayTestBase {

  private static final String EXPIRED = "{\"code\":124,\"message\":\"Access token is expired.\"}";

  @Test
  void rejectedTokenIsRefreshedOnceAndTheRequestRetriedWithTheNewOne() throws Exception {
    harness.respond(401, EXPIRED);
    harness.respond(200, "{\"id\":\"7\"}");

    ActivityResult result = harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals(Harness.json("{\"id\":\"7\"}"), result.output());
    assertEquals("Bearer token-1", harness.request().getHeaders().get("Authorization"));
    assertEquals("Bearer token-2", harness.request().getHeaders().get("Authorization"));
    assertEquals(List.of("token-1"), harness.tokens.rejected());
    assertEquals(2, result.attempts());
    assertEquals(List.of(), harness.sleeper.waits());
  }

  @Test
  void aRequestBuiltWithATokenReplacedSinceGoesOutWithTheCurrentOne() throws Exception {
    harness.tokens.lastKnownIs("token-0");
    harness.respond(200, "{\"id\":\"7\"}");

    harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals("Bearer token-1", harness.request().getHeaders().get("Authorization"));
    assertEquals(List.of(), harness.tokens.rejected());
  }

  @Test
  void nonIdempotentRequestIsAlsoSentAgainAfterA401SinceTheProviderDidNotActOnIt() throws Exception {
    harness.respond(401, EXPIRED);
    harness.respond(201, "{\"id\":\"th_1\"}");

    harness.run("things.create", "{\"name\":\"lamp\"}");

    RecordedRequest first = harness.request();
    RecordedRequest second = harness.request();
    assertEquals("Bearer token-2", second.getHeaders().get("Authorization"));
    assertEquals(body(first), body(second));
    assertEquals("{\"name\":\"lamp\",\"size\":1}", body(second));
  }

  @Test
  void secondRejectionIsNeedsReauthWithTheDefinitionsRemediation() {
    harness.respond(401, EXPIRED);
    harness.respond(401, "{\"code\":124,\"message\":\"Invalid access token.\"}");

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(new ActivityError(ErrorCode.NEEDS_REAUTH, "Relay answered HTTP 401 with error 124: Invalid access "
        + "token. Relay rejected the token even after a refresh; reconnect.", Map.of(
            ActivityError.PROVIDER_CODE, "124",
            ActivityError.PROVIDER_MESSAGE, "Invalid access token.",
            ActivityError.HTTP_STATUS, 401,
            ActivityError.REMEDIATION, "Relay rejected the token even after a refresh; reconnect.")), error);
    assertEquals(2, harness.server.getRequestCount());
    assertEquals(List.of("token-1"), harness.tokens.rejected());
  }

  @Test
  void refreshThatFailsEndsTheActivityWithItsNeedsReauth() {
    harness.close();
    harness = new Harness(relay.catalog(), RateLimiters.withDefaults(), "only-token");
    harness.respond(401, EXPIRED);

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(new ActivityError(ErrorCode.NEEDS_REAUTH,
        "The refresh token was rejected (invalid_grant); reconnect the connection.", Map.of()), error);
    assertEquals(1, harness.server.getRequestCount());
  }

  /** The operator's app refused on refresh: the failure says so, for the CLI's configuration exit code. */
  @Test
  void aRefreshRefusedForTheOperatorsAppIsMarkedAsTheConfigurations() {
    harness.tokens.failRefreshWith(new ConfigurationException("could not renew the access token of connection "
        + "'work': the provider refused the operator's relay app (invalid_client)"));
    harness.respond(401, EXPIRED);

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(new ActivityError(ErrorCode.INVALID_INPUT, "could not renew the access token of connection 'work': "
        + "the provider refused the operator's relay app (invalid_client)", Map.of(ActivityError.CONFIGURATION, true)),
        error);
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void unmappedSecondRejectionIsNeedsReauthByItsStatus() {
    harness.respond(401, "");
    harness.respond(401, "");

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(ErrorCode.NEEDS_REAUTH, error.code());
    assertEquals("Relay answered HTTP 401. The provider rejected the connection's access token even after "
        + "Patchbay refreshed it. Reconnect the connection.", error.message());
  }
}
