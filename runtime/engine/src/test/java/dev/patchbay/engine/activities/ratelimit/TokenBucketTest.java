package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration FOREVER = Duration.ofHours(1);

  final TokenBucket bucket = new TokenBucket(RateLimit.perSecond(4));

  Optional<Duration> reserve(Instant at) {
    return bucket.reserve(at, FOREVER);
  }

  @Test
  void burstOfThePermitsThenWaitsQueueBehindEachOther() {
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.of(Duration.ZERO), reserve(T0));
    }
    assertEquals(Optional.of(Duration.ofMillis(250)), reserve(T0));
    assertEquals(Optional.of(Duration.ofMillis(500)), reserve(T0));
  }

  @Test
  void refillsWithTimeUpToTheBurst() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.of(Duration.ZERO), reserve(T0.plusMillis(250)));
    assertEquals(Optional.of(Duration.ofMillis(250)), reserve(T0.plusMillis(250)));
    Instant muchLater = T0.plusSeconds(60);
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.of(Duration.ZERO), reserve(muchLater));
    }
    assertEquals(Optional.of(Duration.ofMillis(250)), reserve(muchLater));
  }

  @Test
  void waitLongerThanAllowedTakesNothing() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.empty(), bucket.reserve(T0, Duration.ofMillis(100)));
    assertEquals(Duration.ofMillis(250), bucket.timeUntilFree(T0));
    assertEquals(Optional.of(Duration.ofMillis(250)), reserve(T0));
  }

  @Test
  void lowRemainingHalvesTheRateAndDropsTheBurstUntilPlentyRemains() {
    bucket.observe(5, 100);
    assertEquals(Optional.of(Duration.ofMillis(500)), reserve(T0));
    bucket.observe(40, 100);
    assertEquals(Optional.of(Duration.ofMillis(1000)), reserve(T0), "between a tenth and a half: unchanged");
    bucket.observe(60, 100);
    assertEquals(Optional.of(Duration.ofMillis(750)), reserve(T0), "more than half remaining: full rate again");
  }

  @Test
  void repeatedThrottlingSlowsDownToAThirtySecondAtMost() {
    for (int i = 0; i < 10; i++) {
      bucket.throttle();
    }
    assertEquals(Optional.of(Duration.ofSeconds(8)), reserve(T0));
  }

  @Test
  void clockGoingBackwardsRefillsNothing() {
    for (int i = 0; i < 4; i++) {
      reserve(T0);
    }
    assertEquals(Optional.of(Duration.ofMillis(250)), reserve(T0.minusSeconds(10)));
  }
}
