package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The provider's own error code and message, read from an error body: Zoom's REST shape {@code {code, message}}
 * or the OAuth shape {@code {error, reason}} / {@code {error, error_description}}.
 *
 * @param code the provider's code as text, or null
 * @param message the provider's message, or null
 */
record ProviderError(String code, String message) {

  /** Longest provider message kept; error bodies can be pages long. */
  private static final int MAX_MESSAGE = 500;

  /** The error in {@code body}; empty when the body is not a JSON object naming a code or a message. */
  static Optional<ProviderError> read(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text);
    } catch (JacksonException malformed) {
      return Optional.empty();
    }
    String code = firstText(json, "code", "error");
    String message = firstText(json, "message", "reason", "error_description");
    if (code == null && message == null) {
      return Optional.empty();
    }
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    return Optional.of(new ProviderError(code, message));
  }

  private static String firstText(JsonNode json, String... names) {
    for (String name : names) {
      JsonNode value = json.path(name);
      if (value.isString() || value.isNumber()) {
        return value.asString();
      }
    }
    return null;
  }
}
