package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The buckets of one process: one per connection and category, carried over when the connection's limit changes. */
class ProcessBucketsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  final ProcessBuckets buckets = new ProcessBuckets();

  RateLimitBucket light(RateLimit limit) {
    return buckets.bucket("c1", "light", limit);
  }

  static void take(RateLimitBucket bucket, int permits) throws Exception {
    for (int i = 0; i < permits; i++) {
      assertEquals(Optional.of(Duration.ZERO), bucket.reserve(T0, Duration.ZERO), "permit " + (i + 1));
    }
  }

  @Test
  void theSameLimitIsTheSameBucket() throws Exception {
    assertSame(light(RateLimit.perMinute(60)), light(RateLimit.perMinute(60)));
  }

  @Test
  void aRaisedLimitStartsAsEmptyAsTheSpentBucketWasNotFull() throws Exception {
    take(light(RateLimit.perMinute(60)), 60);

    RateLimitBucket raised = light(RateLimit.perMinute(120));

    assertEquals(RateLimit.perMinute(120), raised.limit());
    assertEquals(Optional.empty(), raised.reserve(T0, Duration.ZERO), "no extra burst");
    assertEquals(Duration.ofMillis(500), raised.timeUntilFree(T0), "refilling at the new rate");
  }

  @Test
  void theUnusedShareOfTheBurstIsScaledToTheNewLimit() throws Exception {
    take(light(RateLimit.perMinute(60)), 15);

    RateLimitBucket raised = light(RateLimit.perMinute(120));
    take(raised, 90);
    assertEquals(Optional.empty(), raised.reserve(T0, Duration.ZERO), "three quarters of the new burst, no more");

    RateLimitBucket lowered = light(RateLimit.perMinute(8));
    assertEquals(Optional.empty(), lowered.reserve(T0, Duration.ZERO), "spent stays spent at a lower limit");
  }

  @Test
  void permitsOwedAndASlowDownStayWithTheBucket() throws Exception {
    RateLimitBucket before = light(RateLimit.perMinute(60));
    take(before, 60);
    assertEquals(Optional.of(Duration.ofSeconds(1)), before.reserve(T0, Duration.ofMinutes(1)), "one owed");
    before.throttle();

    RateLimitBucket raised = light(RateLimit.perMinute(120));

    // Two owed at the new scale, at half the new rate (one a second): the next is free in three seconds.
    assertEquals(Duration.ofSeconds(3), raised.timeUntilFree(T0));
  }
}
