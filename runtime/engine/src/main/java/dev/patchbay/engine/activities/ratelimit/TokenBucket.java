package dev.patchbay.engine.activities.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link RateLimitBucket} in this process's memory, holding up to {@link RateLimit#burst()} permits. A slowed-down
 * bucket (the provider said few requests remain, or refused one with 429) halves its rate, down to 1/32 of the
 * configured one.
 */
public final class TokenBucket implements RateLimitBucket {

  static final int MAX_SLOWDOWN = 32;

  private final RateLimit limit;
  private final int burst;
  private double tokens;
  private Instant updatedAt;
  private int slowdown = 1;

  TokenBucket(RateLimit limit) {
    this.limit = limit;
    this.burst = limit.burst();
    this.tokens = burst;
  }

  /**
   * This bucket at another limit: as full as this one was, in proportion (permits owed to waiting callers stay owed,
   * scaled alike), and as slowed down, so changing a limit never hands out an extra burst. What time has refilled
   * since this bucket was last used is refilled at the new rate.
   */
  synchronized TokenBucket changedTo(RateLimit newLimit) {
    TokenBucket changed = new TokenBucket(newLimit);
    if (updatedAt != null) {
      changed.tokens = Math.min(changed.burst, tokens * changed.burst / burst);
      changed.updatedAt = updatedAt;
    }
    changed.slowdown = slowdown;
    return changed;
  }

  @Override
  public RateLimit limit() {
    return limit;
  }

  @Override
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

  @Override
  public synchronized Duration timeUntilFree(Instant now) {
    refill(now);
    return tokens >= 1 ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil((1 - tokens) / effectiveRatePerNano()));
  }

  @Override
  public synchronized void observe(long remaining, long limit) {
    if (RateLimitBucket.low(remaining, limit)) {
      throttle();
    } else if (RateLimitBucket.plenty(remaining, limit)) {
      slowdown = 1;
    }
  }

  @Override
  public synchronized void throttle() {
    slowdown = Math.min(slowdown * 2, MAX_SLOWDOWN);
    tokens = Math.min(tokens, 0);
  }

  private void refill(Instant now) {
    if (updatedAt != null && now.isAfter(updatedAt)) {
      long elapsed = Duration.between(updatedAt, now).toNanos();
      tokens = Math.min(burst, tokens + elapsed * effectiveRatePerNano());
    }
    if (updatedAt == null || now.isAfter(updatedAt)) {
      updatedAt = now;
    }
  }

  private double effectiveRatePerNano() {
    return limit.ratePerNano() / slowdown;
  }
}
