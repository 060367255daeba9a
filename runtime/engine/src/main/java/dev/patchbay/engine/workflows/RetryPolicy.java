package dev.patchbay.engine.workflows;

import java.time.Duration;

/**
 * A step's own retry policy, declared with {@code retry:} in the workflow file. When a step has one, the workflow
 * makes up to {@code maxAttempts} invocations for the errors worth retrying ({@code RATE_LIMITED},
 * {@code UPSTREAM_ERROR}, {@code TIMEOUT}), waiting {@code backoff} before the second attempt and twice as long
 * before each further one, and the runner should make a single try per invocation.
 */
public record RetryPolicy(int maxAttempts, Duration backoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative");
    }
  }

  /** The wait before attempt {@code next} (2 or more). */
  public Duration waitBefore(int next) {
    return backoff.multipliedBy(1L << Math.min(next - 2, 20));
  }
}
