package dev.patchbay.engine.workflows;

/**
 * The thread running a workflow was interrupted. The run record stays as it was ({@code RUNNING} steps included),
 * reads back as {@link dev.patchbay.engine.workflows.records.RunStatus#INTERRUPTED} and can be resumed.
 */
public final class RunInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String runId;

  public RunInterruptedException(String runId) {
    super("run " + runId + " was interrupted; resume it to go on");
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }
}
