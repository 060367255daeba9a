package dev.patchbay.engine.activities.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The process-wide token buckets, one per connection and rate-limit category, so concurrent activities on one
 * connection share the provider's limit. A bucket starts from the definition's default for its category unless
 * the connection has an override (a Pro and a Business Zoom account have different limits).
 */
public final class RateLimiters {

  private final Map<String, Map<String, RateLimit>> overrides;
  /** By connection id, then category: every activity looks its bucket up, so the lookup allocates nothing. */
  private final ConcurrentMap<String, ConcurrentMap<String, TokenBucket>> buckets = new ConcurrentHashMap<>();

  /**
   * @param overridesByConnection per connection id, per category name, the limit to use instead of the
   *     definition's default
   */
  public RateLimiters(Map<String, Map<String, RateLimit>> overridesByConnection) {
    this.overrides = Map.copyOf(overridesByConnection);
  }

  /** Buckets at the definitions' defaults. */
  public static RateLimiters withDefaults() {
    return new RateLimiters(Map.of());
  }

  /** The bucket of one connection and category, created at its limit on first use. */
  public TokenBucket bucket(String connectionId, String category, RateLimit definitionDefault) {
    return buckets.computeIfAbsent(connectionId, id -> new ConcurrentHashMap<>()).computeIfAbsent(category,
        key -> new TokenBucket(overrides.getOrDefault(connectionId, Map.of()).getOrDefault(category, definitionDefault)));
  }
}
