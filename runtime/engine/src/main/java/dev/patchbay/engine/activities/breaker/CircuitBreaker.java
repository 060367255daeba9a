package dev.patchbay.engine.activities.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A circuit breaker: after {@code threshold} failures in a row it opens, and {@link #admit()} refuses for
 * {@code openFor}; then it lets one trial through, whose outcome closes it or opens it again. Used for a provider
 * endpoint that keeps failing (RELIABILITY R22) and a plugin whose calls keep failing in its own code (R24).
 */
public final class CircuitBreaker {

  /** Why a call is refused, for its message. */
  public record Open(int failuresInARow, String lastFailure, Instant until, Duration retryAfter) {}

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failuresInARow;
  private String lastFailure;
  private Instant openUntil;
  private boolean trialRunning;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Empty when the call may go (closed, or the trial of an open breaker); else why not. */
  public synchronized Optional<Open> admit() {
    if (openUntil == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!trialRunning && !now.isBefore(openUntil)) {
      trialRunning = true;
      return Optional.empty();
    }
    Duration wait = trialRunning ? openFor : Duration.between(now, openUntil);
    return Optional.of(new Open(failuresInARow, lastFailure, openUntil, wait));
  }

  /** Why calls are refused now, without admitting one (for reports); empty when closed. */
  public synchronized Optional<Open> state() {
    return openUntil == null ? Optional.empty()
        : Optional.of(new Open(failuresInARow, lastFailure, openUntil, Duration.between(clock.instant(), openUntil)));
  }

  /** The call worked: closes the breaker. */
  public synchronized void succeeded() {
    failuresInARow = 0;
    lastFailure = null;
    openUntil = null;
    trialRunning = false;
  }

  /**
   * The call failed; {@code what} says how, for the message of refused calls.
   *
   * @return true when this failure opened the breaker (or opened it again after a failed trial)
   */
  public synchronized boolean failed(String what) {
    failuresInARow++;
    lastFailure = what;
    boolean opens = trialRunning || failuresInARow >= threshold;
    if (opens) {
      openUntil = clock.instant().plus(openFor);
      trialRunning = false;
    }
    return opens;
  }

  /**
   * A failure no working caller of the breaker ever causes: opens it now, whatever the count.
   *
   * @return true when this opened the breaker, false when it was open already
   */
  public synchronized boolean tripped(String what) {
    boolean wasClosed = openUntil == null || trialRunning;
    failuresInARow++;
    lastFailure = what;
    openUntil = clock.instant().plus(openFor);
    trialRunning = false;
    return wasClosed;
  }

  /** The admitted call came to no verdict (never sent, or stopped): a trial may go again. */
  public synchronized void released() {
    trialRunning = false;
  }
}
