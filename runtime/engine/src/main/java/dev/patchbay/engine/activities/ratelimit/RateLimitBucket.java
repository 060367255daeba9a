package dev.patchbay.engine.activities.ratelimit;

import dev.patchbay.engine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The permits of one connection in one rate-limit category, shared by every request that needs one: in this process
 * ({@link TokenBucket}), or across processes through a shared store. Callers reserve a permit and then wait the
 * returned time themselves, so permits go out in the order they were reserved and nobody waits holding a lock.
 *
 * <p>The provider's own counters outrank the configured limit: when a response says few requests remain or a
 * request was refused with 429, the bucket stops bursting and halves its rate until the provider reports plenty
 * remaining again.
 */
public interface RateLimitBucket {

  RateLimit limit();

  /**
   * Takes a permit.
   *
   * @param now the current time on the runner's clock (a bucket in a database times itself by the database's)
   * @param maxWait the longest the caller may wait for it
   * @return how long to wait before sending; empty, with nothing taken, when that would exceed {@code maxWait}
   * @throws StoreException the shared store holding the bucket cannot be used
   */
  Optional<Duration> reserve(Instant now, Duration maxWait) throws StoreException;

  /** Wait, without reserving, before the next permit would be free; for a refusal's retry-after. */
  Duration timeUntilFree(Instant now) throws StoreException;

  /**
   * What a response said about the provider's counter: slows down when at most a tenth of {@code limit} remains
   * (or none, when the provider gave no limit), recovers once more than half remains.
   *
   * @param limit the provider's limit, or -1 when it did not say
   */
  void observe(long remaining, long limit);

  /** The provider refused a request for going too fast, or is about to. */
  void throttle();

  /** Whether the provider's remaining count is low, by the rule of {@link #observe}. */
  static boolean low(long remaining, long limit) {
    return limit > 0 ? remaining * 10 <= limit : remaining <= 0;
  }

  /** Whether the provider reports plenty remaining, by the rule of {@link #observe}. */
  static boolean plenty(long remaining, long limit) {
    return limit > 0 && remaining * 2 > limit;
  }
}
