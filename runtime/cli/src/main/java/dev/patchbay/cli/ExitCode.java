package dev.patchbay.cli;

/** What the {@code patchbay} exit status means. */
final class ExitCode {

  /** Done, and everything asked about is fine. */
  static final int OK = 0;
  /** Done, and what was checked is not fine (an invalid definition, a failed plugin asked about). */
  static final int INVALID = 1;
  /** The command line itself is wrong: unknown command or option, missing argument. */
  static final int USAGE = 2;
  /** The connector, connection or run named does not exist. */
  static final int NOT_FOUND = 3;
  /** A bug in Patchbay; the message says how to get the stack trace. */
  static final int INTERNAL = 70;

  private ExitCode() {}
}
