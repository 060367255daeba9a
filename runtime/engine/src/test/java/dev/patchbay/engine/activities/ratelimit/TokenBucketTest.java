package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration FOREVER = Duration.ofHours(1);

  /** Four a minute: a quota, spent in a burst, then one every 15 s. */
  final TokenBucket bucket = new TokenBucket(RateLimit.perMinute(4));

  Optional<Duration> reserve(Instant at) {
    return bucket.reserve(at, FOREVER);
  }

  @Test
  void burstOfThePermitsThenWaitsQueueBehindEachOther() {
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.of(Duration.ZERO), reserve(T0));
    }
    assertEquals(Optional.of(Duration.ofSeconds(15)), reserve(T0));
    assertEquals(Optional.of(Duration.ofSeconds(30)), reserve(T0));
  }

  @Test
  void refillsWithTimeUpToTheBurst() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.of(Duration.ZERO), reserve(T0.plusSeconds(15)));
    assertEquals(Optional.of(Duration.ofSeconds(15)), reserve(T0.plusSeconds(15)));
    Instant muchLater = T0.plusSeconds(3600);
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.of(Duration.ZERO), reserve(muchLater));
    }
    assertEquals(Optional.of(Duration.ofSeconds(15)), reserve(muchLater));
  }

  @Test
  void waitLongerThanAllowedTakesNothing() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.empty(), bucket.reserve(T0, Duration.ofSeconds(10)));
    assertEquals(Duration.ofSeconds(15), bucket.timeUntilFree(T0));
    assertEquals(Optional.of(Duration.ofSeconds(15)), reserve(T0));
  }

  @Test
  void lowRemainingHalvesTheRateAndDropsTheBurstUntilPlentyRemains() {
    bucket.observe(5, 100);
    assertEquals(Optional.of(Duration.ofSeconds(30)), reserve(T0));
    bucket.observe(40, 100);
    assertEquals(Optional.of(Duration.ofSeconds(60)), reserve(T0), "between a tenth and a half: unchanged");
    bucket.observe(60, 100);
    assertEquals(Optional.of(Duration.ofSeconds(45)), reserve(T0), "more than half remaining: full rate again");
  }

  @Test
  void repeatedThrottlingSlowsDownToAThirtySecondAtMost() {
    for (int i = 0; i < 10; i++) {
      bucket.throttle();
    }
    assertEquals(Optional.of(Duration.ofSeconds(480)), reserve(T0));
  }

  @Test
  void aPerSecondLimitIsPacedWithAMillisecondsPermitsAsItsBurst() {
    TokenBucket paced = new TokenBucket(RateLimit.perSecond(4));
    assertEquals(Optional.of(Duration.ZERO), paced.reserve(T0, FOREVER));
    assertEquals(Optional.of(Duration.ofMillis(250)), paced.reserve(T0, FOREVER));
    assertEquals(Optional.of(Duration.ofMillis(500)), paced.reserve(T0, FOREVER));
    assertEquals(1, RateLimit.perSecond(1999).burst());
    assertEquals(1_000_000, RateLimit.perSecond(1_000_000_000).burst());
  }

  @Test
  void clockGoingBackwardsRefillsNothing() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.of(Duration.ofSeconds(15)), reserve(T0.minusSeconds(10)));
  }
}
