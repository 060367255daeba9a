package dev.patchbay.engine;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;

/**
 * The operator's configuration cannot be used: the home folder, the master key, an operator app (not set, in a file
 * others may read, or credentials the provider refused). Not a connection to reconnect, nor the caller's input: the
 * message names the file or variable to fix. Its code stays {@link ErrorCode#INVALID_INPUT} for API clients; the
 * CLI gives it an exit code of its own.
 */
public class ConfigurationException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(ErrorCode.INVALID_INPUT, message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, message, cause);
  }

  /** An operator app the provider refused, with the provider's error code and message (no secret in either). */
  public ConfigurationException(String message, String providerCode, String providerMessage) {
    super(ErrorCode.INVALID_INPUT, message, providerCode, providerMessage, null);
  }
}
