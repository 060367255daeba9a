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
  /**
   * The store cannot be used: opening the shared store (PATCHBAY_STORE: its URL, password, server, or schema; nothing
   * was written), or any store failing to read or keep a connection (a lookup in an outage, a token renewal), or to
   * write a run's record.
   */
  static final int STORE = 4;
  /**
   * The operator's configuration cannot be used: the home folder, the master key, an operator app (not set, in a
   * file others may read, or credentials the provider refused); the message names what to fix.
   */
  static final int CONFIGURATION = 5;
  /** A bug in Patchbay; the message says how to get the stack trace. */
  static final int INTERNAL = 70;

  private ExitCode() {}

  /**
   * One exit code per error family, so scripts can branch without parsing messages: 10-19 for activity errors,
   * NOT_FOUND keeping its general code.
   */
  static int of(dev.patchbay.api.ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> 10;
      case MISSING_SCOPE -> 11;
      case NEEDS_REAUTH -> 12;
      case PERMISSION_DENIED -> 13;
      case NOT_FOUND -> NOT_FOUND;
      case RATE_LIMITED -> 14;
      case LIMIT_EXCEEDED -> 15;
      case TIMEOUT -> 16;
      case UPSTREAM_ERROR -> 17;
      case INVALID_OUTPUT -> 18;
      case PLUGIN_ERROR -> 19;
    };
  }
}
