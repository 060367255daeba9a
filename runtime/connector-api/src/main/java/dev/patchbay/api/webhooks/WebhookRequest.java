package dev.patchbay.api.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One delivery as it arrived: its headers and its body exactly as sent (a signature covers the bytes, and a body
 * parsed and written again may differ from them).
 */
public final class WebhookRequest {

  private final Map<String, String> headers;
  private final byte[] body;

  /** @param headers header values by name; names are matched without regard to case */
  public WebhookRequest(Map<String, String> headers, byte[] body) {
    Map<String, String> lowerCase = new TreeMap<>();
    headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
    this.headers = Map.copyOf(lowerCase);
    this.body = body.clone();
  }

  /** The header's value, if the delivery has it. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The raw body. */
  public byte[] body() {
    return body.clone();
  }
}
