package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

  final RateLimiters limiters =
      new RateLimiters(Map.of("conn-1", Map.of("light", RateLimit.perMinute(1))));

  @Test
  void perConnectionOverrideWinsOverTheDefinitionsDefault() {
    assertEquals(RateLimit.perMinute(1), limiters.bucket("conn-1", "light", RateLimit.perSecond(30)).limit());
    assertEquals(RateLimit.perSecond(30), limiters.bucket("conn-1", "heavy", RateLimit.perSecond(30)).limit());
    assertEquals(RateLimit.perSecond(30), limiters.bucket("conn-2", "light", RateLimit.perSecond(30)).limit());
  }

  @Test
  void oneBucketPerConnectionAndCategory() {
    assertSame(limiters.bucket("conn-2", "light", RateLimit.perSecond(30)),
        limiters.bucket("conn-2", "light", RateLimit.perSecond(30)));
  }
}
