package dev.patchbay.api;

import java.util.Optional;

/**
 * A failure with a stable {@link ErrorCode}, a message a person can act on, and what the provider said.
 * Messages must never contain secrets.
 */
public class ConnectorException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String providerCode;
  private final String providerMessage;

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, null, null, null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, null, cause);
  }

  public ConnectorException(
      ErrorCode code, String message, String providerCode, String providerMessage, Throwable cause) {
    super(message, cause);
    if (code == null) {
      throw new IllegalArgumentException("code is required");
    }
    this.code = code;
    this.providerCode = providerCode;
    this.providerMessage = providerMessage;
  }

  public ErrorCode code() {
    return code;
  }

  /** The provider's own error code (Zoom: {@code 3001}), when the provider gave one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** The provider's own error message, when the provider gave one. */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + "] " + getMessage();
  }
}
