package dev.patchbay.engine.definitions;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A declarative operation's request and how its answer becomes the output.
 *
 * @param path a template whose {@code {name}} placeholders are input properties, one path segment each
 * @param query parameter name to template
 * @param headers header name to template
 * @param body {@code {"json": ...}} or {@code {"form": {...}}}, or null for none
 * @param success the statuses that succeed; empty for any 2xx
 */
public record HttpOperation(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    JsonNode body,
    List<Integer> success,
    Output output) {

  /** A template's placeholder: {@code {name}} (a top-level input property) or {@code {/json/pointer}}. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{(/[^{}]*|[A-Za-z_][A-Za-z0-9_]*)}");

  /**
   * Where the output comes from.
   *
   * @param pointer JSON pointer into the answer's body; null for the whole body
   * @param itemsProperty the output property that holds a paginated operation's items
   * @param headers output property to response header name
   */
  public record Output(String pointer, String itemsProperty, Map<String, String> headers) {

    public Output {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  public HttpOperation {
    query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    headers = headers == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    success = success == null ? List.of() : List.copyOf(success);
    output = output == null ? new Output(null, null, null) : output;
  }

  /** Whether {@code status} is a success of this operation. */
  public boolean succeeds(int status) {
    return success.isEmpty() ? status >= 200 && status < 300 : success.contains(status);
  }
}
