package dev.patchbay.engine.activities.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket shared by every request of one connection in one rate-limit category. Callers reserve a permit
 * and then wait the returned time themselves, so no thread sleeps while holding the lock and permits go out in
 * the order they were reserved.
 *
 * <p>The provider's own counters outrank the configured limit: when a response says few requests remain
 * ({@code X-RateLimit-Remaining}) or a request was refused with 429, the bucket stops bursting and halves its rate
 * (down to 1/32 of the configured one) until the provider reports plenty remaining again.
 */
public final class TokenBucket {

  private static final int MAX_SLOWDOWN = 32;

  private final RateLimit limit;
  private double tokens;
  private Instant updatedAt;
  private int slowdown = 1;

  TokenBucket(RateLimit limit) {
    this.limit = limit;
    this.tokens = limit.permits();
  }

  public RateLimit limit() {
    return limit;
  }

  /**
   * Takes a permit.
   *
   * @param now the current time on the runner's clock
   * @param maxWait the longest the caller may wait for it
   * @return how long to wait before sending; empty, with nothing taken, when that would exceed {@code maxWait}
   */
  public synchronized Optional<Duration> reserve(Instant now, Duration maxWait) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return Optional.of(Duration.ZERO);
    }
    // Tokens below zero are permits already promised to earlier callers, so this caller queues behind them.
    Duration wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / effectiveRatePerNano()));
    if (wait.compareTo(maxWait) > 0) {
      return Optional.empty();
    }
    tokens -= 1;
    return Optional.of(wait);
  }

  /** Wait, without reserving, before the next permit would be free; for a refusal's retry-after. */
  public synchronized Duration timeUntilFree(Instant now) {
    refill(now);
    return tokens >= 1 ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil((1 - tokens) / effectiveRatePerNano()));
  }

  /**
   * What a response said about the provider's counter: slows down when at most a tenth of {@code limit} remains
   * (or none, when the provider gave no limit), recovers once more than half remains.
   *
   * @param limit the provider's limit, or -1 when it did not say
   */
  public synchronized void observe(long remaining, long limit) {
    boolean low = limit > 0 ? remaining * 10 <= limit : remaining <= 0;
    if (low) {
      throttle();
    } else if (limit > 0 && remaining * 2 > limit) {
      slowdown = 1;
    }
  }

  /** The provider refused a request for going too fast, or is about to. */
  public synchronized void throttle() {
    slowdown = Math.min(slowdown * 2, MAX_SLOWDOWN);
    tokens = Math.min(tokens, 0);
  }

  private void refill(Instant now) {
    if (updatedAt != null && now.isAfter(updatedAt)) {
      long elapsed = Duration.between(updatedAt, now).toNanos();
      tokens = Math.min(limit.permits(), tokens + elapsed * effectiveRatePerNano());
    }
    if (updatedAt == null || now.isAfter(updatedAt)) {
      updatedAt = now;
    }
  }

  private double effectiveRatePerNano() {
    return limit.ratePerNano() / slowdown;
  }
}
