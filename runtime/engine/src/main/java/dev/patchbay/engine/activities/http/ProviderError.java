package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.definitions.ErrorFormat;
import dev.patchbay.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The provider's own error code and message, read from an error body where the definition's error format says
 * (JSON pointers, per status; of a list, the first present wins). A format that says nothing ({@link
 * ErrorFormat#NONE}) reads nothing: any JSON object body is then the API's error, with no code or message.
 *
 * @param code the provider's code as text, or null
 * @param message the provider's message, or null
 * @param details the provider's field errors (GitHub's 422 {@code errors}), or null
 */
record ProviderError(String code, String message, JsonNode details) {

  /** Longest provider message kept; error bodies can be pages long. */
  private static final int MAX_MESSAGE = 500;

  /**
   * The error in {@code body}; empty when the body is not a JSON object, or when the format says where the code or
   * message is and neither is there (then the body is not the API's error shape).
   */
  static Optional<ProviderError> read(byte[] body, ErrorFormat format, int status) {
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
    return read(json, format, status);
  }

  /** The error in a parsed body. */
  static Optional<ProviderError> read(JsonNode json, ErrorFormat format, int status) {
    if (json == null || !json.isObject()) {
      return Optional.empty();
    }
    ErrorFormat.Pointers pointers = format.pointers(status);
    String code = firstText(json, pointers.codePointers());
    String message = firstText(json, pointers.messagePointers());
    JsonNode details = format.detailsPointer() == null ? null : json.at(format.detailsPointer());
    if (details != null && (details.isMissingNode() || details.isNull())) {
      details = null;
    }
    boolean readsSomething = !pointers.codePointers().isEmpty() || !pointers.messagePointers().isEmpty();
    if (code == null && message == null && readsSomething) {
      return Optional.empty();
    }
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    return Optional.of(new ProviderError(code, message, details));
  }

  /** The same error with its message passed through {@code redact}. */
  ProviderError redacted(java.util.function.UnaryOperator<String> redact) {
    return new ProviderError(code, redact.apply(message),
        details == null ? null : Json.MAPPER.readTree(redact.apply(details.toString())));
  }

  private static String firstText(JsonNode json, List<String> pointers) {
    for (String pointer : pointers) {
      JsonNode value = json.at(pointer);
      if (value.isString() || value.isNumber()) {
        return value.asString();
      }
    }
    return null;
  }
}
