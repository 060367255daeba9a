package dev.patchbay.cli;

/** A mistake the user can fix; reported as one line, never with a stack trace. */
final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
