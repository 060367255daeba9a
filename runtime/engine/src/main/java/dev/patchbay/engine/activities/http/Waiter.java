package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.activities.time.Sleeper;
import java.time.Duration;

/** Waits through the runner's {@link Sleeper}, within the activity's deadline. */
final class Waiter {

  private final Sleeper sleeper;
  private final Deadline deadline;

  Waiter(Sleeper sleeper, Deadline deadline) {
    this.sleeper = sleeper;
    this.deadline = deadline;
  }

  Deadline deadline() {
    return deadline;
  }

  /**
   * Waits {@code duration}.
   *
   * @throws HttpFailure {@code TIMEOUT} when the thread is interrupted meanwhile: the runner stops an activity
   *     past its deadline that way
   */
  void pause(Duration duration) throws HttpFailure {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopped();
    }
  }

  /** The failure for an activity stopped while it waited or sent. */
  HttpFailure stopped() {
    return HttpFailure.deadline("The activity was stopped before it finished: its deadline of "
        + Durations.text(deadline.timeout()) + " passed. Raise the activity's timeout if it needs longer.");
  }
}
