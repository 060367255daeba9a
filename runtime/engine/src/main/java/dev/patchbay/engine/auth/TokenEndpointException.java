package dev.patchbay.engine.auth;

/**
 * The token endpoint refused a request, or could not be reached.
 *
 * @see #error() the OAuth {@code error} (invalid_grant, invalid_client, …), or null when there was no answer
 */
public final class TokenEndpointException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String error;
  private final String reason;
  private final boolean mayHaveReachedServer;

  TokenEndpointException(int httpStatus, String error, String reason, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.error = error;
    this.reason = reason;
    this.mayHaveReachedServer = true;
  }

  TokenEndpointException(String message, boolean mayHaveReachedServer, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
    this.error = null;
    this.reason = null;
    this.mayHaveReachedServer = mayHaveReachedServer;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  public String error() {
    return error;
  }

  /** The provider's words ({@code reason} or {@code error_description}), or null. */
  public String reason() {
    return reason;
  }

  /**
   * False only when the request certainly never left (connection refused): then, and only then, resending a
   * refresh request cannot burn a rotated refresh token.
   */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }

  public boolean isInvalidGrant() {
    return "invalid_grant".equals(error);
  }
}
