package dev.patchbay.engine.activities.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: a random wait between zero and a cap that doubles with every failed
 * attempt, so clients that failed together do not come back together.
 */
final class Backoff {

  private static final Duration BASE = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(20);

  private Backoff() {}

  /** The wait after {@code failedAttempts} failures (1 or more). */
  static Duration after(int failedAttempts) {
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap(failedAttempts).toNanos() + 1));
  }

  /** The longest wait after {@code failedAttempts} failures. */
  private static Duration cap(int failedAttempts) {
    Duration cap = BASE.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    return cap.compareTo(MAX) > 0 ? MAX : cap;
  }
}
