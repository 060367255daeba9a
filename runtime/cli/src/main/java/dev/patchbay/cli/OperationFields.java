package dev.patchbay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an operation's input schema as rows a person reads: nested objects as dotted names
 * ({@code settings.waiting_room}), array items as {@code name[]}, with type, whether required, default, allowed
 * values and description.
 */
final class OperationFields {

  /** One field. */
  record Field(String name, String type, boolean required, String defaultValue, String description) {}

  private OperationFields() {}

  static List<Field> of(JsonNode schema) {
    List<Field> fields = new ArrayList<>();
    collect(schema, "", fields);
    return fields;
  }

  private static void collect(JsonNode schema, String prefix, List<Field> fields) {
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(name -> required.add(name.asString()));
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String name = prefix + property.getKey();
      JsonNode field = property.getValue();
      fields.add(new Field(name, type(field), required.contains(property.getKey()),
          field.has("default") ? field.get("default").toString() : "",
          field.path("description").asString("") + allowed(field)));
      if (field.path("properties").isObject()) {
        collect(field, name + ".", fields);
      }
      JsonNode items = field.path("items");
      if (items.path("properties").isObject()) {
        collect(items, name + "[].", fields);
      }
    }
  }

  private static String type(JsonNode field) {
    JsonNode type = field.path("type");
    String text;
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(each -> types.add(each.asString()));
      text = String.join("|", types);
    } else {
      text = type.asString(field.has("enum") ? "enum" : "any");
    }
    if ("array".equals(text) && field.path("items").has("type")) {
      text = type(field.path("items")) + "[]";
    }
    return field.has("format") ? text + " (" + field.get("format").asString() + ")" : text;
  }

  private static String allowed(JsonNode field) {
    if (!field.has("enum")) {
      return "";
    }
    List<String> values = new ArrayList<>();
    field.get("enum").forEach(value -> values.add(value.isString() ? value.asString() : value.toString()));
    return " One of: " + String.join(", ", values) + ".";
  }
}
