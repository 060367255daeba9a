package dev.patchbay.cli;

/** A mistake the user can fix; reported as one line, never with a stack trace. */
final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A failure with a Patchbay error code: its exit code, and the code in the message. */
  static UserException of(dev.patchbay.api.ConnectorException e) {
    if (e instanceof dev.patchbay.engine.store.StoreUnavailableException) {
      return new UserException(ExitCode.STORE, "store: " + e.getMessage());
    }
    if (e instanceof dev.patchbay.engine.ConfigurationException) {
      return new UserException(ExitCode.CONFIGURATION, "configuration: " + e.getMessage());
    }
    return new UserException(ExitCode.of(e.code()), e.code() + ": " + e.getMessage());
  }

  int exitCode() {
    return exitCode;
  }
}
