package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.secrets.Secret;
import java.util.Arrays;

/**
 * The tokens one activity sent, so that provider text repeating one (an error message echoing the token it
 * rejected) is redacted where it enters Patchbay, before any exception, log line or detail can carry it.
 */
final class SentTokens {

  private static final String REDACTED = "[secret]";
  private static final Secret[] NONE = new Secret[0];

  /** Nearly always one token, two after a refresh: an array copied on the rare change, not a concurrent set. */
  private volatile Secret[] sent = NONE;

  void add(Secret token) {
    if (token.isEmpty()) {
      return;
    }
    synchronized (this) {
      for (Secret known : sent) {
        if (known == token || known.equals(token)) {
          return;
        }
      }
      Secret[] more = Arrays.copyOf(sent, sent.length + 1);
      more[sent.length] = token;
      sent = more;
    }
  }

  /** {@code text} with every sent token replaced; null stays null. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (Secret token : sent) {
      redacted = redacted.replace(token.reveal(), REDACTED);
    }
    return redacted;
  }
}
