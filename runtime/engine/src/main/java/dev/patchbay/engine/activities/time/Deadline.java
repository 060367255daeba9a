package dev.patchbay.engine.activities.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The moment an activity must be done by, on the runner's clock; every wait and request is bounded by it. */
public final class Deadline {

  private final Clock clock;
  private final Duration timeout;
  private final Instant at;

  private Deadline(Clock clock, Duration timeout) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.at = clock.instant().plus(timeout);
  }

  /** The deadline {@code timeout} from now. */
  public static Deadline after(Clock clock, Duration timeout) {
    return new Deadline(clock, timeout);
  }

  public Instant now() {
    return clock.instant();
  }

  /** The timeout this deadline was set with, for messages. */
  public Duration timeout() {
    return timeout;
  }

  /** Time left; zero once passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean hasPassed() {
    return !clock.instant().isBefore(at);
  }

  /** True when waiting {@code wait} from now still ends before the deadline. */
  public boolean allows(Duration wait) {
    return clock.instant().plus(wait).isBefore(at);
  }
}
