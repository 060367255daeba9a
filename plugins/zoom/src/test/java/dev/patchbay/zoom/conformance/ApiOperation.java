package dev.patchbay.zoom.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One operation of an OpenAPI document.
 *
 * @param document the file it comes from
 * @param root the whole document, which its {@code $ref}s point into
 * @param template the path template, e.g. {@code /meetings/{meetingId}/recordings}
 * @param method upper case, e.g. {@code GET}
 * @param pathItem the path item (for path-level parameters)
 * @param operation the operation object
 */
public record ApiOperation(
    String document, JsonNode root, String template, String method, JsonNode pathItem, JsonNode operation) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  /**
   * The parameters declared at one location ({@code path}, {@code query}, ...) by name: the path item's, overridden
   * by the operation's of the same name and location, as OpenAPI says. {@code $ref}s are resolved.
   */
  public Map<String, JsonNode> parameters(String location) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode declared : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      for (JsonNode parameter : declared) {
        JsonNode resolved = Schemas.resolveRef(root, parameter);
        if (location.equals(resolved.path("in").asString(""))) {
          byName.put(resolved.path("name").asString(), resolved);
        }
      }
    }
    return byName;
  }

  /** The request body object ({@code $ref} resolved), or null when the operation takes none. */
  public JsonNode requestBody() {
    JsonNode body = operation.get("requestBody");
    return body == null || body.isNull() ? null : Schemas.resolveRef(root, body);
  }

  /** The names of the template's placeholders, in order. */
  public List<String> placeholders() {
    List<String> names = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** A regex matching a decoded path against the template; group i is placeholder i. */
  Pattern pathPattern() {
    StringBuilder regex = new StringBuilder("^");
    Matcher matcher = PLACEHOLDER.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("([^/]+)");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append('$');
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return method + " " + template + " (" + document + ")";
  }
}
