package dev.patchbay.engine.activities;

import dev.patchbay.api.ErrorCode;

/** An activity failed; {@link #error()} says how. */
public final class ActivityException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient ActivityError error;

  /**
   * @param cause what plugin code threw, kept for a developer's stack trace; null for every other failure, whose
   *     message already says all there is
   */
  ActivityException(ActivityError error, Throwable cause) {
    super(error.message(), cause);
    this.error = error;
  }

  public ActivityError error() {
    return error;
  }

  public ErrorCode code() {
    return error.code();
  }

  @Override
  public String toString() {
    return "ActivityException[" + error.code() + "] " + error.message();
  }
}
