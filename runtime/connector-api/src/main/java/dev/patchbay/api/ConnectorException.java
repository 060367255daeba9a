package dev.patchbay.api;

import java.util.Optional;

/**
 * A failure with a stable {@link ErrorCode}, a message a person can act on, and what the provider said.
 * Messages must never contain secrets.
 *
 * <p>{@link #source()} says where it came from: the provider's answer ({@link FailureSource#PROVIDER}, with
 * {@link #answer()}), no answer ({@link FailureSource#NETWORK}), the host on its own (token refresh, deadline, rate
 * permit, breaker: {@link FailureSource#fromHost()}), or connector code ({@link FailureSource#CONNECTOR}, the source
 * of every failure a connector constructs itself).
 */
public class ConnectorException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String providerCode;
  private final String providerMessage;
  private final transient FailedAnswer answer;
  private final FailureSource source;

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, null, null, null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, null, cause);
  }

  public ConnectorException(
      ErrorCode code, String message, String providerCode, String providerMessage, Throwable cause) {
    this(code, message, providerCode, providerMessage, FailureSource.CONNECTOR, null, cause);
  }

  /**
   * A failure of a known source; a {@link FailureSource#PROVIDER} failure carries the provider's answer (its status,
   * headers and body stay visible to the connector), any other none.
   */
  protected ConnectorException(ErrorCode code, String message, String providerCode, String providerMessage,
      FailureSource source, FailedAnswer answer, Throwable cause) {
    super(message, cause);
    if (code == null || source == null) {
      throw new IllegalArgumentException("code and source are required");
    }
    if ((source == FailureSource.PROVIDER) != (answer != null)) {
      throw new IllegalArgumentException("a PROVIDER failure, and only one, carries the provider's answer");
    }
    this.source = source;
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

  /** Where the failure came from. */
  public FailureSource source() {
    return source;
  }

  /** The provider's answer when the failure is one (status, headers, body); empty for every other source. */
  public Optional<FailedAnswer> answer() {
    return Optional.ofNullable(answer);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + "] " + getMessage();
  }
}
