package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.secrets.Secret;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens one activity sent, so that provider text repeating one (an error message echoing the token it
 * rejected) is redacted where it enters Patchbay, before any exception, log line or detail can carry it.
 */
final class SentTokens {

  private static final String REDACTED = "[secret]";

  private final Set<Secret> sent = ConcurrentHashMap.newKeySet();

  void add(Secret token) {
    if (!token.isEmpty()) {
      sent.add(token);
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
