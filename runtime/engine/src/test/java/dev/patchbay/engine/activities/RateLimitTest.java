package dev.patchbay.engine.activities;

import static dev.patchbay.engine.activities.Harness.jsonResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Token buckets per connection and rate-limit category: waits go through the sleeper, the provider's
 * X-RateLimit-Remaining slows them down, and no wait passes the deadline.
 */
class RateLimitTest extends RelayTestBase {

  /** conn-1 may send 2 light requests per second; every other connection has the definition's 100 per second. */
  @Override
  Harness newHarness() {
    return limitedTo(RateLimit.perSecond(2));
  }

  /** A harness whose connection conn-1 has its own limit of the light category. */
  Harness limitedTo(RateLimit light) {
    Harness limited = new Harness(relay.catalog(), RateLimiters.withDefaults(), "token-1");
    limited.connection = limited.connection.withRateLimits(Map.of("light", light));
    return limited;
  }

  void getThing(String... headers) throws ActivityException {
    var response = jsonResponse(200, "{\"id\":\"7\"}");
    for (int i = 0; i < headers.length; i += 2) {
      response.addHeader(headers[i], headers[i + 1]);
    }
    harness.server.enqueue(response.build());
    harness.run("things.get", "{\"id\":\"7\"}");
  }

  @Test
  void aPerSecondLimitIsPacedThroughTheSleeper() throws Exception {
    getThing();
    getThing();
    getThing();

    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), harness.sleeper.waits());
  }

  @Test
  void fewRequestsRemainingAtTheProviderSlowTheBucketDown() throws Exception {
    getThing("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "9");
    getThing();

    // Half the rate: the second request waits a whole second instead of half of one.
    assertEquals(List.of(Duration.ofSeconds(1)), harness.sleeper.waits());
  }

  @Test
  void noneRemainingWithoutALimitAlsoSlowsDown() throws Exception {
    getThing("X-RateLimit-Remaining", "0");
    getThing();

    assertEquals(List.of(Duration.ofSeconds(1)), harness.sleeper.waits());
  }

  @Test
  void plentyRemainingKeepsTheConfiguredPace() throws Exception {
    getThing("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "80");
    getThing();

    assertEquals(List.of(Duration.ofMillis(500)), harness.sleeper.waits());
  }

  @Test
  void permitThatWouldComeAfterTheDeadlineIsRateLimitedWithoutSending() throws Exception {
    harness.close();
    harness = limitedTo(RateLimit.perMinute(1));
    getThing();

    ActivityError error = harness.failure(
        harness.call("things.get", "{\"id\":\"7\"}").withTimeout(Duration.ofSeconds(10)));

    assertEquals(new ActivityError(ErrorCode.RATE_LIMITED, "Not sent: the connection's 'light' rate limit (1 per 60 "
        + "s) has no request free before the activity's deadline of 10 s. Retry after 60 s, or run fewer steps on "
        + "this connection at once.", Map.of(ActivityError.RETRY_AFTER, 60L)), error);
    assertEquals(1, harness.server.getRequestCount());
    assertEquals(List.of(), harness.sleeper.waits());
  }

  @Test
  void eachConnectionHasItsOwnBucket() throws Exception {
    getThing();
    harness.connection = harness.connection("conn-2", Harness.ALL_SCOPES, ConnectionStatus.ACTIVE, null);
    getThing();

    assertEquals(List.of(), harness.sleeper.waits(), "conn-2 has a bucket of its own at the definition's 100/s");
  }

  @Test
  void bucketIsSharedByConcurrentActivitiesOfTheConnection() throws Exception {
    harness.sleeper.keepClockStill();
    for (int i = 0; i < 4; i++) {
      harness.respond(200, "{\"id\":\"7\"}");
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Callable<ActivityResult> call = () -> harness.run("things.get", "{\"id\":\"7\"}");
      for (Future<ActivityResult> result : callers.invokeAll(List.of(call, call, call, call))) {
        result.get();
      }
    } finally {
      callers.shutdown();
    }

    // One goes at once, the other three queue one behind the other, paced.
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500)),
        harness.sleeper.waits().stream().sorted().toList());
  }
}
