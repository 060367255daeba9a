package dev.patchbay.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's answer to a request that failed: what a connector may look at beyond the mapped error.
 *
 * @param status the HTTP status
 * @param headers response headers, names in lower case
 * @param body the start of the body as text, secrets the connection sent replaced; empty when there was none
 */
public record FailedAnswer(int status, Map<String, List<String>> headers, String body) {

  public FailedAnswer {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
