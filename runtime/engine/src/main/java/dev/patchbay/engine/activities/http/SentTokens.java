package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.secrets.Secret;
import java.util.Arrays;
import okhttp3.HttpUrl;

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
      if (known(token)) {
        return;
      }
      keep(token);
      String value = token.reveal();
      // A key sent in a query parameter is echoed percent-encoded, as the URL carried it.
      if (!unreserved(value)) {
        keep(Secret.of(new HttpUrl.Builder().scheme("http").host("localhost").addQueryParameter("k", value)
            .build().encodedQuery().substring("k=".length())));
      }
    }
  }

  private boolean known(Secret token) {
    for (Secret known : sent) {
      if (known == token || known.equals(token)) {
        return true;
      }
    }
    return false;
  }

  private void keep(Secret token) {
    Secret[] more = Arrays.copyOf(sent, sent.length + 1);
    more[sent.length] = token;
    sent = more;
  }

  /** Whether {@code value} is of RFC 3986's unreserved characters only, which a URL carries as they are. */
  private static boolean unreserved(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~')) {
        return false;
      }
    }
    return true;
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
