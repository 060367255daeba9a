package dev.patchbay.engine.activities.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets in this process's memory: each process keeps a connection's limit on its own. */
public final class ProcessBuckets implements RateLimitBuckets {

  /** By connection id, then category: every activity looks its bucket up, so the lookup allocates nothing. */
  private final ConcurrentMap<String, ConcurrentMap<String, TokenBucket>> buckets = new ConcurrentHashMap<>();

  @Override
  public RateLimitBucket bucket(String connectionId, String category, RateLimit limit) {
    ConcurrentMap<String, TokenBucket> ofConnection =
        buckets.computeIfAbsent(connectionId, id -> new ConcurrentHashMap<>());
    TokenBucket bucket = ofConnection.get(category);
    if (bucket != null && bucket.limit().equals(limit)) {
      return bucket;
    }
    return ofConnection.compute(category, (key, current) -> current == null ? new TokenBucket(limit)
        : current.limit().equals(limit) ? current : current.changedTo(limit));
  }
}
