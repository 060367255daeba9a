package dev.patchbay.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A successful response.
 *
 * @param status the HTTP status (2xx)
 * @param headers response headers, names in lower case
 * @param body the parsed JSON body; a missing node for an empty body (204)
 */
public record ApiResponse(int status, Map<String, List<String>> headers, JsonNode body) {

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
