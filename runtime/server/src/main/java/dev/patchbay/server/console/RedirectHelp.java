package dev.patchbay.server.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector definition's help is written for the CLI, whose sign-in comes back to a loopback listener
 * ({@code http://127.0.0.1}, any port). Through the server it comes back to the server's callback instead, so the
 * console shows that redirect URL wherever the help (or a remediation) names the loopback one: one redirect URL
 * on a page, the one its flow needs.
 */
final class RedirectHelp {

  private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1(?![\\w:/.])");
  private static final Pattern LOOPBACK_LISTENER =
      Pattern.compile("on a loopback listener \\(127\\.0\\.0\\.1, any free port\\)");

  private RedirectHelp() {}

  /** The text with the loopback redirect URL replaced by the server's. */
  static String forServer(String text, String redirectUri) {
    if (text == null) {
      return null;
    }
    String replaced = LOOPBACK_URL.matcher(text).replaceAll(Matcher.quoteReplacement(redirectUri));
    return LOOPBACK_LISTENER.matcher(replaced).replaceAll("at this server's callback");
  }
}
