package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

  static final RateLimit DEFAULT = RateLimit.perSecond(30);

  final RateLimiters limiters =
      new RateLimiters(Map.of("zoom", Map.of("light", RateLimit.perSecond(80))), new ProcessBuckets());

  static Connection connection(String id, String connectorId, Map<String, RateLimit> own) {
    return new Connection(id, "work-" + id, connectorId, "oauth", Set.of(), null, null, null, null, null, Map.of(),
        ConnectionStatus.ACTIVE, null, Instant.EPOCH, null, own);
  }

  @Test
  void theConnectionsOwnLimitThenTheRuntimesThenTheDefinitions() {
    Connection own = connection("c1", "zoom", Map.of("light", RateLimit.perMinute(1)));
    Connection plain = connection("c2", "zoom", Map.of());
    Connection other = connection("c3", "github", Map.of());

    assertEquals(RateLimit.perMinute(1), limiters.bucket(own, "light", DEFAULT).limit());
    assertEquals(DEFAULT, limiters.bucket(own, "heavy", DEFAULT).limit());
    assertEquals(RateLimit.perSecond(80), limiters.bucket(plain, "light", DEFAULT).limit());
    assertEquals(DEFAULT, limiters.bucket(other, "light", DEFAULT).limit());
  }

  @Test
  void oneBucketPerConnectionAndCategoryFollowingAChangedLimit() {
    Connection plain = connection("c2", "zoom", Map.of());
    RateLimitBucket first = limiters.bucket(plain, "light", DEFAULT);
    assertSame(first, limiters.bucket(plain, "light", DEFAULT));

    RateLimitBucket changed = limiters.bucket(plain.withRateLimits(Map.of("light", RateLimit.perSecond(5))),
        "light", DEFAULT);
    assertNotSame(first, changed);
    assertEquals(RateLimit.perSecond(5), changed.limit());
  }

  @Test
  void limitsAreWrittenAsRequestsPerUnit() {
    assertEquals(RateLimit.perSecond(80), RateLimit.parse("80/s"));
    assertEquals(RateLimit.perMinute(100), RateLimit.parse(" 100 / min "));
    assertEquals("1000/h", RateLimit.parse("1000/hour").text());
    assertEquals("30000/day", RateLimit.parse("30000/day").text());
  }

  @Test
  void malformedZeroAndNegativeLimitsAreRefusedNamingTheRule() {
    assertEquals("'80/sec' is not a rate: write REQUESTS/UNIT with UNIT one of s, min, h, day (for example 80/s)",
        refusal("80/sec"));
    assertEquals("'fast' is not a rate: write REQUESTS/UNIT with UNIT one of s, min, h, day (for example 80/s)",
        refusal("fast"));
    assertEquals("'0/s' allows no request: a rate limit allows from 1 to 2147483647 requests per period",
        refusal("0/s"));
    assertEquals("'-5/min' allows no request: a rate limit allows from 1 to 2147483647 requests per period",
        refusal("-5/min"));
  }

  private static String refusal(String text) {
    try {
      RateLimit.parse(text);
      throw new AssertionError("accepted " + text);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
