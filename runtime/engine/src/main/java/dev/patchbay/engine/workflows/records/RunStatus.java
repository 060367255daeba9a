package dev.patchbay.engine.workflows.records;

/** Where a run stands. */
public enum RunStatus {
  /** A process is running it. */
  RUNNING,
  /** Every step succeeded, was skipped, or failed in a way its {@code onError} accepted, and the outputs resolved. */
  SUCCEEDED,
  /** A step failed with {@code onError: fail} (the default), or the outputs could not be resolved. */
  FAILED,
  /**
   * The record says {@code RUNNING} but no process holds the run: the process died or was interrupted. Never
   * written to a record; reading one reports it. Resume it.
   */
  INTERRUPTED,
  /**
   * Stopped on request before it ended, by the engine driving it elsewhere (a Temporal run cancelled): it does not go
   * on, and nothing resumes it.
   */
  CANCELLED
}
