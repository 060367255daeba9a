package dev.patchbay.cli;

import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;

/** Why a run did not succeed, in the words {@code run} and {@code runs show} print. */
final class RunFailure {

  private RunFailure() {}

  /**
   * Where the run failed (a step, or its outputs), the error family with the exit code {@code run} gave for it, and
   * the error's message; or what the run's status says when no error was recorded (an interrupted run).
   */
  static String describe(RunRecord run) {
    if (run.status() == RunStatus.CANCELLED) {
      return "run " + run.id() + " CANCELLED: it was cancelled on Temporal before it ended; it does not go on";
    }
    if (run.error() == null) {
      return "run " + run.id() + " " + run.status() + ": it stopped before it ended (the process was stopped or "
          + "crashed); steps it had not finished run again on resume";
    }
    String where = run.failedStep() != null ? "at step '" + run.failedStep() + "'" : "in its outputs";
    ErrorFamily family = ErrorFamily.of(run.error());
    return "run " + run.id() + " failed " + where + ": " + family.label() + " (exit " + family.exitCode() + "): "
        + run.error().message();
  }

  /** The command that goes on with the run. */
  static String resumeHint(String runId) {
    return "fix the cause, then: patchbay run --resume " + runId;
  }
}
