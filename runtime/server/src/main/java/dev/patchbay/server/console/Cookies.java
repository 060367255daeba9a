package dev.patchbay.server.console;

import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/**
 * Sets the console's cookies, all HttpOnly; {@code Secure} whenever browsers reach the server over https (its
 * public URL), so a session or sign-in binding never travels in clear text, even to the same host over http.
 */
final class Cookies {

  private final BooleanSupplier servedOverHttps;

  Cookies(BooleanSupplier servedOverHttps) {
    this.servedOverHttps = servedOverHttps;
  }

  /** Sets a cookie; a max age of 0 deletes it. */
  void set(Context ctx, String name, String value, String path, long maxAgeSeconds, String sameSite) {
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=" + sameSite + (servedOverHttps.getAsBoolean() ? "; Secure" : ""));
  }
}
