package dev.patchbay.engine.activities;

import dev.patchbay.engine.testing.MutableClock;
import dev.patchbay.engine.activities.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every wait instead of sleeping, and moves the clock by it, as if the time had passed. Concurrent tests
 * can keep the clock still, so that one thread's wait does not change what another reserves.
 */
final class RecordingSleeper implements Sleeper {

  private final MutableClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private volatile boolean movesClock = true;

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (movesClock) {
      clock.advance(duration);
    }
  }

  void keepClockStill() {
    movesClock = false;
  }

  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
