package dev.patchbay.engine.workflows.runs;

/**
 * Run records could not be read or written; the message names the record or the store and what to fix. {@link
 * #storeUnavailable()} tells a store that cannot be used at all (a database gone) from one bad record.
 */
public final class RunRecordsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean storeUnavailable;

  public RunRecordsException(String message, boolean storeUnavailable, Throwable cause) {
    super(message, cause);
    this.storeUnavailable = storeUnavailable;
  }

  /** Whether the store itself could not be used (not one record), so nothing of the call happened. */
  public boolean storeUnavailable() {
    return storeUnavailable;
  }
}
