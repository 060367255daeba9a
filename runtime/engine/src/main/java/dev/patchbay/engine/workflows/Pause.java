package dev.patchbay.engine.workflows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between a step's attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Pause {

  /** Waits for {@code duration}; returns at once for zero or less. */
  void pause(Duration duration) throws InterruptedException;

  /** Really sleeps the calling thread. */
  static Pause system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
