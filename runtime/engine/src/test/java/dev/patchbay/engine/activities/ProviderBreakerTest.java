package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.http.ProviderBreakers;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY R22: a provider endpoint that keeps failing is left alone for a while instead of being hammered, and
 * one probe request decides when it is back.
 */
class ProviderBreakerTest extends RelayTestBase {

  private static final String BUSY = "{\"code\":\"busy\",\"message\":\"busy\"}";
  private static final Duration OPEN_FOR = Duration.ofSeconds(30);

  private void busy(int times) {
    for (int i = 0; i < times; i++) {
      harness.respond(503, BUSY);
    }
  }

  @Test
  void fiveFailuresInARowOpenTheBreakerAndAProbeClosesIt() throws Exception {
    busy(5);
    assertEquals(ErrorCode.UPSTREAM_ERROR, harness.failure("things.get", "{\"id\":\"7\"}").code(),
        "four attempts, all 503");
    assertEquals(4, harness.server.getRequestCount());

    ActivityError opened = harness.failure("things.get", "{\"id\":\"8\"}");

    assertEquals(5, harness.server.getRequestCount(), "the fifth 503 opened it; the retry was not sent");
    assertEquals(ErrorCode.UPSTREAM_ERROR, opened.code());
    assertTrue(opened.message().startsWith("GET /things/{id} was not sent: Relay (http://"), opened.message());
    assertTrue(opened.message().contains(") failed the last 5 requests in a row (the last: HTTP 503), so Patchbay "
        + "sends it nothing until "), opened.message());
    assertEquals(30L, opened.details().get(ActivityError.RETRY_AFTER));

    ActivityError stillOpen = harness.failure("things.get", "{\"id\":\"9\"}");
    assertEquals(ErrorCode.UPSTREAM_ERROR, stillOpen.code());
    assertEquals(5, harness.server.getRequestCount(), "nothing is sent while it is open");

    harness.clock.advance(OPEN_FOR);
    harness.respond(200, "{\"id\":\"9\"}");
    assertEquals(1, harness.run("things.get", "{\"id\":\"9\"}").attempts(), "the probe goes out and succeeds");
    harness.respond(200, "{\"id\":\"10\"}");
    assertEquals(1, harness.run("things.get", "{\"id\":\"10\"}").attempts(), "and closed the breaker");
  }

  @Test
  void aFailedProbeOpensItAgain() throws Exception {
    busy(5);
    harness.failure("things.get", "{\"id\":\"7\"}");
    harness.failure("things.get", "{\"id\":\"7\"}");
    harness.clock.advance(OPEN_FOR);
    harness.respond(503, BUSY);

    ActivityError probe = harness.failure("things.get", "{\"id\":\"7\"}");

    assertEquals(6, harness.server.getRequestCount(), "one probe, then no retry");
    assertTrue(probe.message().contains("failed the last 6 requests in a row"), probe.message());
    harness.failure("things.get", "{\"id\":\"7\"}");
    assertEquals(6, harness.server.getRequestCount());
  }

  @Test
  void answersOtherThanServerErrorsKeepItClosed() throws Exception {
    for (int round = 0; round < 3; round++) {
      busy(4);
      harness.failure("things.get", "{\"id\":\"7\"}");
      harness.respond(404, "{\"code\":\"missing\",\"message\":\"No such thing\"}");
      assertEquals(ErrorCode.NOT_FOUND, harness.failure("things.get", "{\"id\":\"7\"}").code(),
          "a 404 is the provider up and answering");
    }
    assertEquals(15, harness.server.getRequestCount(), "every request was sent");
  }

  @Test
  void timeoutsAtTheCallersOwnDeadlineAreNoVerdictOnTheProvider() throws Exception {
    // Three requests a minute: once the burst is used, each activity waits 20 s (on the test's clock, well inside
    // an open breaker's 30 s) for a permit and has 200 ms of its deadline left for its request; the provider
    // answers a create in 2 s.
    harness.close();
    harness = new Harness(relay.catalog(), RateLimiters.withDefaults(), "token-1");
    harness.connection = harness.connection.withRateLimits(Map.of("light", RateLimit.perMinute(3)));
    harness.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        boolean slow = request.getMethod().equals("POST");
        return Harness.jsonResponse(slow ? 201 : 200, "{\"id\":\"th_1\"}")
            .headersDelay(slow ? 2 : 0, TimeUnit.SECONDS).build();
      }
    });
    for (int i = 0; i < 3; i++) {
      harness.run("things.get", "{\"id\":\"1\"}");
    }
    Duration twentySecondsAndABit = Duration.ofSeconds(20).plusMillis(200);

    // A create is not retried, so each ends on its one request; had the timeouts counted, the sixth would not be
    // sent at all.
    for (int i = 0; i < ProviderBreakers.FAILURES_TO_OPEN + 1; i++) {
      assertEquals(ErrorCode.TIMEOUT, harness.failure(harness.call("things.create", "{\"name\":\"lamp\"}")
          .withTimeout(twentySecondsAndABit)).code(), "create " + (i + 1));
    }
    assertEquals(3 + ProviderBreakers.FAILURES_TO_OPEN + 1, harness.server.getRequestCount());
  }
  @Test
  void callsStoppedByTheWatchdogAtTheirDeadlineAreNoVerdictOnTheProvider() throws Exception {
    // The provider takes 10 s to answer a create; each activity has 300 ms, so at its deadline the runner's watchdog
    // interrupts the plugin's thread and cancels its request (or the request's own alarm, set to the same deadline,
    // fires first): either way the caller gets TIMEOUT and the provider no verdict.
    harness.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return Harness.jsonResponse(201, "{\"id\":\"th_1\"}").headersDelay(10, TimeUnit.SECONDS).build();
      }
    });

    for (int i = 0; i < ProviderBreakers.FAILURES_TO_OPEN + 1; i++) {
      assertEquals(ErrorCode.TIMEOUT, harness.failure(harness.call("things.create", "{\"name\":\"lamp\"}")
          .withTimeout(Duration.ofMillis(300))).code(), "create " + (i + 1));
    }
    assertEquals(ProviderBreakers.FAILURES_TO_OPEN + 1, harness.server.getRequestCount(),
        "the sixth was sent: no timeout counted against the provider");
  }
}
