package dev.patchbay.engine.store;

/**
 * The store could not be used at all (a database out of reach or refusing work, a folder that cannot be read), as
 * opposed to one entry it holds being missing or unreadable: nothing of the call happened, and the same call may
 * work once the store answers again. An activity that failed on it before sending anything says so
 * ({@code ActivityError.STORE_OUTAGE}), so a caller may run it again without sending anything twice.
 */
public class StoreOutageException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreOutageException(String message, Throwable cause) {
    super(message, cause);
  }
}
