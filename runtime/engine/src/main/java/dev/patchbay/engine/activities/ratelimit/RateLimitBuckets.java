package dev.patchbay.engine.activities.ratelimit;

/**
 * Where buckets live: {@link ProcessBuckets} (this process's memory, the file store's) or a shared store, whose
 * processes then together stay within each limit.
 */
public interface RateLimitBuckets {

  /**
   * The bucket of one connection and category at {@code limit}. Asked with another limit than before (the
   * connection's limits were changed), the bucket follows the new one.
   */
  RateLimitBucket bucket(String connectionId, String category, RateLimit limit);
}
