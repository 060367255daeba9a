package dev.patchbay.store.postgres;

import java.sql.SQLException;

/**
 * What a PostgreSQL failure means for the user, in words that name what to fix. Server messages carry names and
 * states, never the values Patchbay sends (those are sealed), so they may be quoted.
 */
final class PostgresErrors {

  static final String READ_ONLY = "25006";

  private PostgresErrors() {}

  /** Why the store at {@code where} could not be opened. */
  static String opening(String where, String user, boolean passwordGiven, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("28P01") || state.equals("28000")) {
      return "PostgreSQL at " + where + " refused user '" + user + "' (" + serverMessage(e) + "): "
          + (passwordGiven ? "check the password in PATCHBAY_STORE_PASSWORD or PATCHBAY_STORE_PASSWORD_FILE"
              : "set the user's password in PATCHBAY_STORE_PASSWORD or PATCHBAY_STORE_PASSWORD_FILE");
    }
    if (state.equals("3D000")) {
      return "PostgreSQL at " + where + " has no such database (" + serverMessage(e)
          + "): create it (createdb) or fix the database name in PATCHBAY_STORE";
    }
    if (state.startsWith("08") || state.equals("57P03")) {
      return "cannot reach PostgreSQL at " + where + " (" + rootMessage(e) + "): is the server running, and are "
          + "the host and port in PATCHBAY_STORE right?";
    }
    return "cannot open the store at " + where + ": " + serverMessage(e);
  }

  /** Why an operation on the store at {@code where} failed; nothing of it was written. */
  static String during(String what, String where, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals(READ_ONLY)) {
      return "cannot " + what + ": the database at " + where + " is read-only; nothing was written (point "
          + "PATCHBAY_STORE at the writable primary)";
    }
    if (state.startsWith("08")) {
      return "cannot " + what + ": lost the connection to PostgreSQL at " + where + " (" + rootMessage(e)
          + "); nothing was written";
    }
    return "cannot " + what + " in the store at " + where + ": " + serverMessage(e);
  }

  private static String serverMessage(SQLException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
