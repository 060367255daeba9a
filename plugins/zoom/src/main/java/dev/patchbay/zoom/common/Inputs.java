package dev.patchbay.zoom.common;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads activity inputs. The host has already validated them and applied the definition's defaults; the fallbacks
 * here keep each activity correct when it gets a bare input, and say in code what the definition promises.
 */
public final class Inputs {

  /** Zoom's own default is 30; the maximum means fewer pages, and pages are what rate limits count. */
  public static final int DEFAULT_PAGE_SIZE = 300;

  public static final int DEFAULT_MAX_ITEMS = 1000;

  private Inputs() {}

  /**
   * A text input, or null when absent. A number or boolean gives its JSON text, so an id sent as a number is never
   * rounded on its way into a path or query.
   */
  public static String text(JsonNode input, String name) {
    JsonNode node = input.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isString() ? node.stringValue() : node.asString();
  }

  public static String text(JsonNode input, String name, String fallback) {
    String value = text(input, name);
    return value == null ? fallback : value;
  }

  public static String requiredText(JsonNode input, String name) throws ConnectorException {
    String value = text(input, name);
    if (value == null || value.isBlank()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, name + " is required");
    }
    return value;
  }

  public static JsonNode required(JsonNode input, String name) throws ConnectorException {
    JsonNode node = input.path(name);
    if (node.isMissingNode() || node.isNull()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, name + " is required");
    }
    return node;
  }

  public static int integer(JsonNode input, String name, int fallback) {
    return input.path(name).asInt(fallback);
  }

  public static boolean flag(JsonNode input, String name) {
    return input.path(name).asBoolean(false);
  }

  /** A boolean input as a query value ("true"/"false"), or null when absent so the query leaves it out. */
  public static String queryFlag(JsonNode input, String name) {
    JsonNode node = input.path(name);
    return node.isBoolean() ? String.valueOf(node.booleanValue()) : null;
  }

  public static int pageSize(JsonNode input) {
    return integer(input, "pageSize", DEFAULT_PAGE_SIZE);
  }

  public static int maxItems(JsonNode input) {
    return integer(input, "maxItems", DEFAULT_MAX_ITEMS);
  }

  /** The input as a request body, without the fields that went into the path or query. */
  public static ObjectNode bodyWithout(JsonNode input, String... names) {
    Set<String> excluded = Set.of(names);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    input.properties().stream()
        .filter(property -> !excluded.contains(property.getKey()))
        .forEach(property -> body.set(property.getKey(), property.getValue().deepCopy()));
    return body;
  }
}
