package dev.patchbay.engine.workflows;

/** No run record with this id exists in the runs folder. */
public final class UnknownRunException extends Exception {

  private static final long serialVersionUID = 1L;

  public UnknownRunException(String runId) {
    super("no run " + runId);
  }
}
