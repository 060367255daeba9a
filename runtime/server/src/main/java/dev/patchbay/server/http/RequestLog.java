package dev.patchbay.server.http;

import org.slf4j.Logger;

/** One line per request: method, path, status, milliseconds. Never headers, query strings or bodies. */
public final class RequestLog {

  /** The logger the lines go to. */
  public static final String NAME = "dev.patchbay.server.requests";

  private RequestLog() {}

  public static void line(Logger log, String method, String path, int status, long millis) {
    log.info("method={} path={} status={} ms={}", method, path, status, millis);
  }
}
