package dev.patchbay.engine.store;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;

/**
 * The configured store cannot be used: a malformed {@code PATCHBAY_STORE}, a server that cannot be reached, a
 * refused password, a read-only database, a schema newer than this Patchbay. The message names what to fix and
 * holds no secret; nothing was written.
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
