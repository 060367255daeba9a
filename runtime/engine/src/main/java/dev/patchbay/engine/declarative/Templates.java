package dev.patchbay.engine.declarative;

import dev.patchbay.engine.definitions.HttpOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The small template language of declarative operations: literal text with {@code {name}} (a top-level input
 * property) or {@code {/json/pointer}} placeholders. No expressions, no scripting: a value is taken from the input
 * as it is. A template that is exactly one placeholder keeps the value's JSON type (a list stays a list in a JSON
 * body); a placeholder with no value in the input leaves the whole parameter out.
 */
final class Templates {

  static final Pattern PLACEHOLDER = HttpOperation.PLACEHOLDER;

  private Templates() {}

  /** The value of one placeholder in {@code input}; null when absent or JSON null. */
  static JsonNode value(JsonNode input, String placeholder) {
    JsonNode value = placeholder.startsWith("/") ? input.at(placeholder) : input.path(placeholder);
    return value.isMissingNode() || value.isNull() ? null : value;
  }

  /** The template as text; null when a placeholder has no value. */
  static String text(String template, JsonNode input) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      JsonNode value = value(input, matcher.group(1));
      if (value == null) {
        return null;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(asText(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Text templates by name; parameters whose placeholders have no value are left out. */
  static Map<String, String> texts(Map<String, String> templates, JsonNode input) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    templates.forEach((name, template) -> {
      String value = text(template, input);
      if (value != null) {
        out.put(name, value);
      }
    });
    return out;
  }

  /**
   * A JSON value built from {@code shape}: its strings are templates (a lone placeholder keeps the value's type),
   * its objects and lists are built member by member; members without a value are left out. Null when nothing is
   * left.
   */
  static JsonNode json(JsonNode shape, JsonNode input) {
    if (shape.isString()) {
      String template = shape.asString();
      Matcher whole = PLACEHOLDER.matcher(template);
      if (whole.matches()) {
        JsonNode value = value(input, whole.group(1));
        return value == null ? null : value.deepCopy();
      }
      String text = text(template, input);
      return text == null ? null : JsonNodeFactory.instance.stringNode(text);
    }
    if (shape.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      shape.properties().forEach(member -> {
        JsonNode value = json(member.getValue(), input);
        if (value != null) {
          out.set(member.getKey(), value);
        }
      });
      return out;
    }
    if (shape.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      shape.forEach(element -> {
        JsonNode value = json(element, input);
        if (value != null) {
          out.add(value);
        }
      });
      return out;
    }
    return shape.deepCopy();
  }

  /** A scalar as query or header text; lists are joined with commas (GitHub's labels filter). */
  static String asText(JsonNode value) {
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(element -> parts.add(asText(element)));
      return String.join(",", parts);
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }
}
