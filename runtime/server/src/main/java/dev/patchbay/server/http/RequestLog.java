package dev.patchbay.server.http;

import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * One line per request: method, path, status, milliseconds. Never headers, query strings or bodies, and never the id
 * of a sign-in: its start link binds the sign-in to the first browser that opens it.
 */
public final class RequestLog {

  /** The logger the lines go to. */
  public static final String NAME = "dev.patchbay.server.requests";

  private static final Pattern SIGN_IN_ID = Pattern.compile("^(/oauth/start/|/api/sign-ins/)[^/]+");

  private RequestLog() {}

  public static void line(Logger log, String method, String path, int status, long millis) {
    log.info("method={} path={} status={} ms={}", method, loggable(path), status, millis);
  }

  /** The path as logged: a sign-in's id replaced. */
  static String loggable(String path) {
    return SIGN_IN_ID.matcher(path).replaceFirst("$1[redacted]");
  }
}
