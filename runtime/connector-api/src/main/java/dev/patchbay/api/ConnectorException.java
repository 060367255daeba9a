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
  private final transient FailedAnswer answer;

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, null, null, null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, null, cause);
  }

  public ConnectorException(
      ErrorCode code, String message, String providerCode, String providerMessage, Throwable cause) {
    this(code, message, providerCode, providerMessage, null, cause);
  }

  /** A failure the provider answered: its status, headers and body stay visible to the connector. */
  protected ConnectorException(ErrorCode code, String message, String providerCode, String providerMessage,
      FailedAnswer answer, Throwable cause) {
    super(message, cause);
    if (code == null) {
      throw new IllegalArgumentException("code is required");
    }
    this.code = code;
    this.providerCode = providerCode;
    this.providerMessage = providerMessage;
    this.answer = answer;
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

  /** The provider's answer when the failure is one (status, headers, body); empty when no answer came. */
  public Optional<FailedAnswer> answer() {
    return Optional.ofNullable(answer);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + "] " + getMessage();
  }
}
