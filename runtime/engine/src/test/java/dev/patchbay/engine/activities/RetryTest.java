package dev.patchbay.engine.activities;

import static dev.patchbay.engine.activities.Harness.jsonResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.http.HttpTimeouts;
import dev.patchbay.engine.activities.ratelimit.ProcessBuckets;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RELIABILITY R20: which failures are retried, how long the runner waits, and what is never sent twice. */
class RetryTest extends RelayTestBase {

  private static final String PER_SECOND =
      "{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API.\"}";

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(delimiter = '|', value = {
      "3                             | PT3S",
      "Wed, 01 Jan 2025 00:00:05 GMT | PT5S",
      "2025-01-01T00:00:07Z          | PT7S"})
  void rateLimitedRequestIsRetriedAfterRetryAfterInEachForm(String retryAfter, Duration wait) throws Exception {
    harness.server.enqueue(jsonResponse(429, PER_SECOND).addHeader("Retry-After", retryAfter).build());
    harness.respond(201, "{\"id\":\"th_1\"}");

    // A refusal for going too fast was not acted upon, so even a POST is sent again.
    ActivityResult result = harness.run("things.create", "{\"name\":\"lamp\"}");

    assertEquals(List.of(wait), harness.sleeper.waits());
    assertEquals(2, harness.server.getRequestCount());
    assertEquals(2, result.attempts());
  }

  @Test
  void retryAfterBeyondTheDeadlineIsRateLimitedAtOnce() {
    harness.server.enqueue(jsonResponse(429, PER_SECOND).addHeader("Retry-After", "120").build());

    ActivityError error = harness.failure(
        harness.call("things.get", "{\"id\":\"7\"}").withTimeout(Duration.ofSeconds(30)));

    assertEquals(new ActivityError(ErrorCode.RATE_LIMITED, "Relay answered HTTP 429 with error 429: You have "
        + "reached the maximum per-second rate limit for this API. Relay's per-second limit was hit. Retry after "
        + "2 min.", Map.of(
            ActivityError.PROVIDER_CODE, "429",
            ActivityError.PROVIDER_MESSAGE, "You have reached the maximum per-second rate limit for this API.",
            ActivityError.HTTP_STATUS, 429,
            ActivityError.REMEDIATION, "Relay's per-second limit was hit.",
            ActivityError.RETRY_AFTER, 120L)), error);
    assertEquals(List.of(), harness.sleeper.waits());
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void dailyLimitHeaderIsLimitExceededAndNotRetried() {
    harness.server.enqueue(jsonResponse(429, "{\"code\":429,\"message\":\"Too many requests.\"}")
        .addHeader("X-RateLimit-Type", "Daily-limit")
        .addHeader("Retry-After", "2025-01-02T00:00:00Z")
        .build());

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(ErrorCode.LIMIT_EXCEEDED, error.code());
    assertEquals("Relay answered HTTP 429 with error 429: Too many requests. The daily cap is used up; it resets at "
        + "midnight UTC. Retry after 24 h.", error.message());
    assertEquals(86_400L, error.details().get(ActivityError.RETRY_AFTER));
    assertEquals(1, harness.server.getRequestCount());
    assertEquals(List.of(), harness.sleeper.waits());
  }

  @Test
  void dailyCapRecognisedByItsMessageIsLimitExceededAndNotRetried() {
    // Zoom's 100 meeting creates per host and day comes without headers.
    harness.respond(429, "{\"code\":429,\"message\":\"You have exceeded the daily rate limit (100) of Meeting "
        + "Create/Update API requests permitted for this particular user.\"}");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.LIMIT_EXCEEDED, error.code());
    assertEquals("The daily cap is used up; it resets at midnight UTC.",
        error.details().get(ActivityError.REMEDIATION));
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void serverErrorsAreRetriedWithJitteredBackoffForAGet() throws Exception {
    withoutPacing();
    harness.respond(503, "{\"code\":\"busy\",\"message\":\"busy\"}");
    harness.respond(502, "{\"code\":\"busy\",\"message\":\"busy\"}");
    harness.respond(200, "{\"id\":\"7\"}");

    ActivityResult result = harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals(3, result.attempts());
    List<Duration> waits = harness.sleeper.waits();
    assertEquals(2, waits.size());
    assertTrue(waits.get(0).compareTo(Duration.ofMillis(500)) <= 0, waits.toString());
    assertTrue(waits.get(1).compareTo(Duration.ofSeconds(1)) <= 0, waits.toString());
  }

  @Test
  void serverErrorsAreRetriedForAnIdempotentOperationThatIsNotAGet() throws Exception {
    harness.respond(500, "{\"code\":\"oops\",\"message\":\"oops\"}");
    harness.server.enqueue(new MockResponse.Builder().code(204).build());

    harness.run("things.delete", "{\"id\":\"7\"}");

    assertEquals(2, harness.server.getRequestCount());
    assertEquals("DELETE", harness.request().getMethod());
    assertEquals("DELETE", harness.request().getMethod());
  }

  @Test
  void deleteWhoseAnswerWasLostAndIsGoneOnTheRetrySucceeds() throws Exception {
    harness.server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.respond(404, "{\"code\":\"missing\",\"message\":\"No such thing\"}");

    ActivityResult result = harness.run("things.delete", "{\"id\":\"7\"}");

    assertEquals(Harness.json("{\"status\":204}"), result.output());
    assertEquals(2, harness.server.getRequestCount());
  }

  @Test
  void anErrorTheDefinitionSaysMeansDoneAnsweringARetryAfterALostAnswerIsSuccess() throws Exception {
    harness.server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.respond(409, "{\"code\":\"already_gone\",\"message\":\"Thing 7 went away already\"}");

    ActivityResult result = harness.run("things.delete", "{\"id\":\"7\"}");

    assertEquals(Harness.json("{\"status\":204}"), result.output());
    assertEquals(2, harness.server.getRequestCount());
  }

  /** Only the provider's answer proves the operation happened, not a failed token renewal carrying the same code. */
  @Test
  void aTokenRenewalFailingAfterALostAnswerIsNotTakenForDone() {
    harness.server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.respond(401, "{}");
    harness.tokens.failRefreshWith(new ConnectorException(ErrorCode.NEEDS_REAUTH, "renewal refused", "already_gone",
        "refused", null));

    ActivityError error = harness.failure("things.delete", "{\"id\":\"7\"}");

    assertEquals(ErrorCode.NEEDS_REAUTH, error.code());
    assertEquals("renewal refused", error.message());
    assertEquals(2, harness.server.getRequestCount());
  }

  @Test
  void theSameErrorWithoutALostAnswerIsAnError() {
    harness.respond(409, "{\"code\":\"already_gone\",\"message\":\"Thing 7 went away already\"}");

    ActivityError error = harness.failure("things.delete", "{\"id\":\"7\"}");

    assertEquals("already_gone", error.details().get(ActivityError.PROVIDER_CODE));
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void deleteOfAMissingThingIsStillNotFound() {
    harness.respond(404, "{\"code\":\"missing\",\"message\":\"No such thing\"}");

    ActivityException e = assertThrows(ActivityException.class, () -> harness.run("things.delete", "{\"id\":\"7\"}"));

    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }

  @Test
  void serverErrorIsNotRetriedForANonIdempotentOperation() {
    harness.respond(503, "{\"code\":\"busy\",\"message\":\"busy\"}");
    harness.respond(201, "{\"id\":\"th_1\"}");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertEquals(1, harness.server.getRequestCount());
    assertEquals(List.of(), harness.sleeper.waits());
  }

  @Test
  void retriesStopAfterFourAttempts() {
    withoutPacing();
    for (int i = 0; i < 5; i++) {
      harness.respond(500, "{\"code\":\"oops\",\"message\":\"still broken\"}");
    }

    ActivityError error = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertEquals("still broken", error.details().get(ActivityError.PROVIDER_MESSAGE));
    assertEquals(4, harness.server.getRequestCount());
    List<Duration> waits = harness.sleeper.waits();
    assertEquals(3, waits.size());
    assertTrue(waits.get(2).compareTo(Duration.ofSeconds(2)) <= 0, waits.toString());
  }

  @Test
  void serviceUnavailableWithRetryAfterWaitsThatLong() throws Exception {
    harness.server.enqueue(jsonResponse(503, "{\"code\":\"maintenance\",\"message\":\"back soon\"}")
        .addHeader("Retry-After", "2").build());
    harness.respond(200, "{\"id\":\"7\"}");

    harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals(List.of(Duration.ofSeconds(2)), harness.sleeper.waits());
  }

  @Test
  void postCutOffAfterItWasSentIsSentExactlyOnce() throws Exception {
    // A pooled connection is where OkHttp would silently send a request again after a failure.
    harness.respond(200, "{\"id\":\"7\"}");
    harness.run("things.get", "{\"id\":\"7\"}");
    harness.server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.respond(201, "{\"id\":\"th_2\"}");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertTrue(error.message().startsWith("The connection to Relay broke after POST /things was sent ("),
        error.message());
    assertTrue(error.message().endsWith("), so it may or may not have been carried out. Patchbay did not send it "
        + "again because relay/things.create is not idempotent: check whether it took effect before running it "
        + "again."), error.message());
    assertEquals(2, harness.server.getRequestCount(), "the GET and one POST");
    assertEquals(List.of(Duration.ofMillis(10)), harness.sleeper.waits(),
        "only the POST's turn after the GET (100/s, paced, on a clock that stands still): no retry's wait");
  }

  @Test
  void getCutOffAfterItWasSentIsRetried() throws Exception {
    harness.server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.respond(200, "{\"id\":\"7\"}");

    ActivityResult result = harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals(Harness.json("{\"id\":\"7\"}"), result.output());
    assertEquals(2, harness.server.getRequestCount());
    assertEquals(2, result.attempts());
  }

  @Test
  void requestThatNeverReachedTheProviderIsRetriedEvenForAPost() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    withoutPacing();
    harness.connection = Harness.connection("conn-1", "work", "relay", Harness.ALL_SCOPES, ConnectionStatus.ACTIVE,
        null, "http://127.0.0.1:" + closedPort + "/v1");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertTrue(error.message().startsWith("Could not connect to Relay for POST /things ("), error.message());
    assertTrue(error.message().endsWith("). Check the network and the connection's base URL."), error.message());
    assertEquals(3, harness.sleeper.waits().size(), "four attempts, three waits");
    // Said in the details, so a scheduler retrying whole activities (Temporal) may invoke it again too.
    assertEquals(true, error.details().get(ActivityError.NOT_SENT));
  }

  @Test
  void answerSlowerThanTheCallTimeoutIsTimeoutAlthoughNeverSilentForLong() {
    // A byte every 50 ms never trips the 1 s read timeout; the whole answer takes 1.5 s, past the 300 ms call timeout.
    harness.server.enqueue(jsonResponse(201, "{\"id\":\"th_1\",\"name\":\"a lamp\"}")
        .throttleBody(1, 50, TimeUnit.MILLISECONDS).build());

    ActivityError error = harness.failure(harness.call("things.create", "{\"name\":\"lamp\"}")
        .withHttpTimeouts(new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300))));

    assertEquals(ErrorCode.TIMEOUT, error.code());
    assertEquals("Relay did not answer POST /things in time (InterruptedIOException: call timeout of 300 ms). Retry "
        + "later, or raise the timeouts if the provider is slow for it.", error.message());
    // Taken with a wait: the server may record the request only after the answer the client cut short.
    assertEquals("POST", harness.request().getMethod());
    assertEquals(1, harness.server.getRequestCount(), "a create is not sent again");
  }

  @Test
  void silentProviderIsTimeout() {
    harness.server.enqueue(jsonResponse(201, "{\"id\":\"th_1\"}").headersDelay(5, TimeUnit.SECONDS).build());

    ActivityError error = harness.failure(harness.call("things.create", "{\"name\":\"lamp\"}")
        .withHttpTimeouts(new HttpTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1))));

    assertEquals(ErrorCode.TIMEOUT, error.code());
    assertTrue(error.message().startsWith("Relay did not answer POST /things in time ("), error.message());
    assertEquals(1, harness.server.getRequestCount());
  }

  /**
   * Relay's limit paces a permit every 10 ms, and a retry's backoff is drawn at random from zero: one drawn shorter
   * than that would add a wait for the permit to the waits a test counts.
   */
  private void withoutPacing() {
    harness.close();
    harness = new Harness(relay.catalog(), new RateLimiters(Map.of("relay", Map.of("light",
        RateLimit.perSecond(1_000_000))), new ProcessBuckets()), "token-1", "token-2");
  }
}
