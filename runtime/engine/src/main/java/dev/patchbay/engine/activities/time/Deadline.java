package dev.patchbay.engine.activities.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The moment an activity must be done by, on the runner's clock; every wait and request is bounded by it. */
public final class Deadline {

  private final Clock clock;
  private final Duration timeout;
  /**
   * In the clock's milliseconds: asked on every request and permit, which with instants made two objects each time,
   * while {@link Clock#millis} makes none.
   */
  private final long at;

  private Deadline(Clock clock, Duration timeout) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.at = saturatedAdd(clock.millis(), timeout);
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
    return Duration.ofMillis(Math.max(0, at - clock.millis()));
  }

  public boolean hasPassed() {
    return clock.millis() >= at;
  }

  /** True when waiting {@code wait} from now still ends before the deadline. */
  public boolean allows(Duration wait) {
    return saturatedAdd(clock.millis(), wait) < at;
  }

  /** {@code millis} plus {@code duration}, rounded up to whole milliseconds, at most {@link Long#MAX_VALUE}. */
  private static long saturatedAdd(long millis, Duration duration) {
    try {
      long durationMillis = duration.toMillis() + (duration.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
      return Math.addExact(millis, durationMillis);
    } catch (ArithmeticException beyondAnyClock) {
      return Long.MAX_VALUE;
    }
  }
}
