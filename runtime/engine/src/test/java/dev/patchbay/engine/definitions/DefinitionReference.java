package dev.patchbay.engine.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Writes the reference of the connector definition format from the meta-schema: one table per object, every field
 * with its type, whether it is required, its meaning (the meta-schema's description, else the notes file's) and an
 * example (from a real definition, else the notes file's). Fields with no meaning anywhere are problems, so a field
 * added to the meta-schema cannot stay undocumented.
 */
final class DefinitionReference {

  private final JsonNode schema;
  private final JsonNode example;
  private final JsonNode notes;
  private final Map<String, List<String[]>> tables = new LinkedHashMap<>();
  private final Map<String, List<String>> rules = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> paths = new LinkedHashSet<>();

  /**
   * @param notes {@code {"<path>": {"meaning": "...", "example": ...}}}: what the meta-schema does not say itself
   */
  DefinitionReference(JsonNode schema, JsonNode example, JsonNode notes) {
    this.schema = schema;
    this.example = example;
    this.notes = notes;
    describeObject("(top level)", "", schema, List.of(example));
    for (String noted : notes.propertyNames()) {
      if (!paths.contains(noted)) {
        problems.add("the notes describe '" + noted + "', which the meta-schema does not have: remove it");
      }
    }
  }

  /** Fields without a meaning, notes for fields that are gone. */
  List<String> problems() {
    return problems;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Connector definition reference\n\n")
        .append("<!-- Generated from connector-defs/connector-definition.schema.json and ")
        .append("docs/connector-definition-notes.json by DefinitionReferenceTest; do not edit by hand. -->\n\n")
        .append(schema.path("description").asString()).append("\n\n")
        .append("A definition is one JSON file, `connectors/<id>.json` in the plugin (in a connector project: ")
        .append("`src/main/resources/connectors/<id>.json`). Check one with `patchbay definitions validate FILE`; ")
        .append("the connector's build runs the same checks. Examples are taken from the Zoom connector's ")
        .append("definition (`connector-defs/zoom.json`) where it has the field.\n");
    tables.forEach((object, rows) -> {
      out.append("\n## `").append(object).append("`\n\n");
      out.append("| Field | Type | Required | Meaning | Example |\n|---|---|---|---|---|\n");
      for (String[] row : rows) {
        out.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      for (String rule : rules.getOrDefault(object, List.of())) {
        out.append("\n").append(rule).append("\n");
      }
    });
    return out.toString();
  }

  private void describeObject(String title, String prefix, JsonNode objectSchema, List<JsonNode> examples) {
    JsonNode resolved = resolve(objectSchema);
    Set<String> required = new LinkedHashSet<>();
    resolved.path("required").forEach(name -> required.add(name.asString()));
    List<String[]> rows = new ArrayList<>();
    tables.put(title, rows);
    rulesOf(title, resolved);
    for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
      String name = property.getKey();
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      paths.add(path);
      JsonNode field = property.getValue();
      JsonNode fieldSchema = resolve(field);
      List<JsonNode> fieldExamples = examples.stream().map(e -> e.path(name)).filter(e -> !e.isMissingNode()).toList();
      String table = tableOf(path, fieldSchema);
      rows.add(new String[] {"`" + name + "`", type(field), required.contains(name) ? "yes" : "no",
          cell(meaning(path, field, fieldSchema)),
          cell(table != null ? "see `" + table + "`" : exampleOf(path, fieldExamples))});
      descend(path, fieldSchema, fieldExamples);
    }
  }

  private void descend(String path, JsonNode fieldSchema, List<JsonNode> examples) {
    if (isJsonSchemaDef(fieldSchema)) {
      return;
    }
    if (fieldSchema.has("properties")) {
      describeObject(path, path, fieldSchema, examples);
    } else if (fieldSchema.path("items").isObject()) {
      JsonNode items = resolve(fieldSchema.path("items"));
      List<JsonNode> itemExamples = new ArrayList<>();
      examples.forEach(array -> array.forEach(itemExamples::add));
      if (items.has("properties")) {
        describeObject(path + "[]", path + "[]", items, itemExamples);
      }
    } else if (fieldSchema.path("additionalProperties").isObject()) {
      JsonNode values = resolve(fieldSchema.path("additionalProperties"));
      List<JsonNode> valueExamples = new ArrayList<>();
      examples.forEach(map -> map.values().forEach(valueExamples::add));
      if (values.has("properties")) {
        describeObject(path + ".<name>", path + ".<name>", values, valueExamples);
      }
    }
  }

  /** The title of the table describing the field's own fields, or null when it has none. */
  private String tableOf(String path, JsonNode fieldSchema) {
    if (isJsonSchemaDef(fieldSchema)) {
      return null;
    }
    if (fieldSchema.has("properties")) {
      return path;
    }
    if (resolve(fieldSchema.path("items")).has("properties")) {
      return path + "[]";
    }
    if (resolve(fieldSchema.path("additionalProperties")).has("properties")) {
      return path + ".<name>";
    }
    return null;
  }

  /** The if/then and allOf rules of an object, in words. */
  private void rulesOf(String title, JsonNode object) {
    List<JsonNode> conditions = new ArrayList<>();
    if (object.has("if")) {
      conditions.add(object);
    }
    object.path("allOf").forEach(conditions::add);
    for (JsonNode condition : conditions) {
      if (!condition.has("if")) {
        continue;
      }
      StringBuilder when = new StringBuilder();
      condition.path("if").path("properties").properties().forEach(entry -> when.append(when.isEmpty() ? "" : " and ")
          .append('`').append(entry.getKey()).append("` is ").append(entry.getValue().has("enum")
              ? "one of " + values(entry.getValue().path("enum")) : "`" + entry.getValue().path("const") + "`"));
      rules.computeIfAbsent(title, t -> new ArrayList<>()).add("When " + when + ": " + consequence(condition.path("then"))
          + (condition.has("else") ? "; otherwise: " + consequence(condition.path("else")) : "") + ".");
    }
  }

  private static String consequence(JsonNode then) {
    List<String> parts = new ArrayList<>();
    if (then.has("required")) {
      parts.add("requires " + names(then.path("required")));
    }
    if (then.path("not").has("required")) {
      parts.add("must not have " + names(then.path("not").path("required")));
    }
    if (then.path("not").has("anyOf")) {
      List<String> absent = new ArrayList<>();
      then.path("not").path("anyOf").forEach(alternative -> absent.add(names(alternative.path("required"))));
      parts.add("must have none of " + String.join(", ", absent));
    }
    then.path("properties").properties().forEach(entry -> parts.add("`" + entry.getKey() + "` must be `"
        + entry.getValue().path("const") + "`"));
    return String.join(", ", parts);
  }

  private static String values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add("`" + value + "`"));
    return String.join(", ", values);
  }

  private static String names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add("`" + name.asString() + "`"));
    return String.join(", ", names);
  }

  private String meaning(String path, JsonNode field, JsonNode resolved) {
    String text = field.path("description").asString(resolved.path("description").asString(""));
    if (text.isBlank()) {
      text = notes.path(path).path("meaning").asString("");
    }
    if (text.isBlank()) {
      problems.add("'" + path + "' has no meaning: give it a description in the meta-schema, or a meaning in "
          + "docs/connector-definition-notes.json");
    }
    return text;
  }

  private String exampleOf(String path, List<JsonNode> examples) {
    JsonNode noted = notes.path(path).path("example");
    if (!noted.isMissingNode()) {
      return "`" + noted + "`";
    }
    if (examples.isEmpty()) {
      return "";
    }
    String text = examples.get(0).toString();
    return "`" + (text.length() > 60 ? text.substring(0, 57) + "…" : text) + "`";
  }

  private String type(JsonNode field) {
    if (field.has("$ref")) {
      String name = field.path("$ref").asString().replace("#/$defs/", "");
      return switch (name) {
        case "httpUrl" -> "URL (http or https)";
        case "jsonSchema" -> "JSON Schema (object)";
        case "jsonPointer" -> "JSON pointer";
        case "jsonPointers" -> "JSON pointer, or list of them";
        default -> "object";
      };
    }
    if (field.has("enum")) {
      List<String> values = new ArrayList<>();
      field.path("enum").forEach(value -> values.add("`" + value.asString() + "`"));
      return "one of " + String.join(", ", values);
    }
    if (field.has("const")) {
      return "`" + field.path("const") + "`";
    }
    String type = field.path("type").asString("any");
    if (type.equals("array")) {
      JsonNode items = field.path("items");
      if (items.has("$ref") || items.has("properties")) {
        return "list of objects";
      }
      String inner = type(items);
      return "list of " + (inner.startsWith("list of ") ? inner.replaceFirst("list", "lists") : inner + "s");
    }
    if (type.equals("object") && field.path("additionalProperties").isObject()) {
      return "map of name to object";
    }
    return type;
  }

  private JsonNode resolve(JsonNode node) {
    if (node.has("$ref")) {
      return schema.at(node.path("$ref").asString().substring(1));
    }
    return node;
  }

  private boolean isJsonSchemaDef(JsonNode node) {
    return node.equals(schema.at("/$defs/jsonSchema"));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
