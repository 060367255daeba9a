package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.secrets.Secret;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The tokens one activity sent, so that provider text repeating one (an error message echoing the token it
 * rejected) is redacted where it enters Patchbay, before any exception, log line or detail can carry it. A token
 * is also redacted as a URL's query carries it (percent-encoded), since an api-key may travel in the query and
 * providers echo the URL.
 */
final class SentTokens {

  private static final String REDACTED = "[secret]";

  private final Set<Secret> sent = ConcurrentHashMap.newKeySet();

  void add(Secret token) {
    if (!token.isEmpty()) {
      sent.add(token);
      String value = token.reveal();
      if (!value.chars().allMatch(SentTokens::unreserved)) {
        sent.add(Secret.of(new HttpUrl.Builder().scheme("http").host("localhost").addQueryParameter("k", value)
            .build().encodedQuery().substring("k=".length())));
      }
    }
  }

  /** RFC 3986's unreserved characters, which a URL carries as they are. */
  private static boolean unreserved(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
        || c == '~';
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
