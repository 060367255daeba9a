package dev.patchbay.store.postgres;

import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.activities.ratelimit.RateLimitBuckets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limit buckets in the {@code patchbay_rate_limit_buckets} table, so every process using the store keeps to a
 * connection's limit together (see {@link PostgresBucket} for why one statement per permit).
 */
final class PostgresRateLimitBuckets implements RateLimitBuckets {

  private record Key(String connectionId, String category, RateLimit limit) {}

  private final Sessions sessions;
  private final ConcurrentHashMap<Key, PostgresBucket> buckets = new ConcurrentHashMap<>();

  PostgresRateLimitBuckets(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public RateLimitBucket bucket(String connectionId, String category, RateLimit limit) {
    return buckets.computeIfAbsent(new Key(connectionId, category, limit),
        key -> new PostgresBucket(sessions, connectionId, category, limit));
  }
}
