package dev.patchbay.engine.workflows.records;

/** Where a step, or one element of a {@code forEach} step, stands. */
public enum StepStatus {
  /** Not started (yet). */
  PENDING,
  /** Started and not finished; after a crash, it may or may not have had its effect. */
  RUNNING,
  SUCCEEDED,
  /** Failed, and its {@code onError} (fail) ended the run; for an element: that element failed. */
  FAILED,
  /**
   * Not run: its {@code when} was false, it is an error handler no failure sent the run to, or a failure jumped
   * over it.
   */
  SKIPPED,
  /** Failed, and {@code onError: continue} let the run go on with the next step. */
  CONTINUED,
  /** Failed, and its {@code onError} sent the run to a later handler step. */
  HANDLED
}
