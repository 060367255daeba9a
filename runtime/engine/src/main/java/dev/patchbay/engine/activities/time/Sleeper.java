package dev.patchbay.engine.activities.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits. Everything the activity runner waits for (retry backoff, {@code Retry-After}, rate-limit permits) goes
 * through one, so tests record the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}; returns at once for zero or less. */
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps the calling thread. */
  static Sleeper system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
