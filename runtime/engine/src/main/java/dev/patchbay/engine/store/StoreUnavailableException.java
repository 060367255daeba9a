package dev.patchbay.engine.store;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;

/**
 * The configured store cannot be used: a malformed {@code PATCHBAY_STORE}, a server that cannot be reached, a
 * refused password, a read-only database, a schema newer than this Patchbay; or it failed reading or writing a
 * connection while its token was renewed. The message names what to fix, says what was done (opening one: nothing
 * was written), and holds no secret.
 */
public class StoreUnavailableException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(ErrorCode.UPSTREAM_ERROR, message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.UPSTREAM_ERROR, message, cause);
  }
}
