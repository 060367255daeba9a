package dev.patchbay.engine.auth;

/** The authorization step ended without a code: denied consent, an app not pre-approved, a bad callback, a timeout. */
public final class AuthorizationRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String error;

  public AuthorizationRefusedException(String error, String message) {
    super(message);
    this.error = error;
  }

  /** The error a callback carried ({@code error} and the optional {@code error_description}), in words. */
  public static AuthorizationRefusedException fromCallback(String error, String description) {
    return new AuthorizationRefusedException(error, "the provider refused the authorization: " + error
        + (description != null && !description.isBlank() ? " (" + description + ")" : ""));
  }

  /** The OAuth {@code error} of the callback (access_denied, …), or a Patchbay word (timeout, bad_callback). */
  public String error() {
    return error;
  }
}
