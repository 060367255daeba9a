package dev.patchbay.server.console;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.schema.InvalidSchemaException;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form of an operation, generated from its input schema: one field per top-level property, by type (text,
 * number, a choice for enums and booleans, JSON for objects and arrays), and back from the submitted form to the
 * input object. Empty fields are left out, so the schema's defaults apply. Every value the form cannot take is
 * reported at once, each with its field, together with what the schema says of the values it could take.
 */
final class ActivityForm {

  /** One field: the property, its JSON type, and what the schema says of it. */
  record Field(String name, String type, boolean required, boolean hasDefault, String description,
      List<String> choices) {}

  /** Values the form could not turn into their types, and required fields left empty: each, in form order. */
  static final class BadValues extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    BadValues(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  private static final String FIELD_PREFIX = "in.";

  private final List<Field> fields;
  private final JsonNode inputSchema;

  ActivityForm(JsonNode inputSchema) {
    this.inputSchema = inputSchema;
    List<Field> list = new ArrayList<>();
    List<String> required = new ArrayList<>();
    inputSchema.path("required").forEach(name -> required.add(name.asString()));
    inputSchema.path("properties").properties().forEach(property -> {
      JsonNode schema = property.getValue();
      List<String> choices = new ArrayList<>();
      schema.path("enum").forEach(choice -> choices.add(choice.isString() ? choice.stringValue() : choice.toString()));
      list.add(new Field(property.getKey(), typeOf(schema), required.contains(property.getKey()),
          schema.has("default"), schema.path("description").asString(""), choices));
    });
    this.fields = List.copyOf(list);
  }

  /** The form's fields as HTML, showing {@code values} (what was submitted) again. */
  String html(Map<String, List<String>> values) {
    StringBuilder html = new StringBuilder();
    for (Field field : fields) {
      String id = FIELD_PREFIX + field.name();
      String value = first(values, id);
      html.append("<label for=\"").append(Html.escape(id)).append("\">").append(Html.escape(field.name()))
          .append(field.required() ? " *" : "").append(" <span class=\"hint\">").append(Html.escape(field.type()))
          .append(field.description().isEmpty() ? "" : " — " + Html.escape(field.description()))
          .append("</span></label>");
      String common = " id=\"" + Html.escape(id) + "\" name=\"" + Html.escape(id) + "\"";
      if (!field.choices().isEmpty() || field.type().equals("boolean")) {
        List<String> choices = field.choices().isEmpty() ? List.of("true", "false") : field.choices();
        html.append("<select").append(common).append("><option value=\"\"></option>");
        for (String choice : choices) {
          html.append("<option").append(choice.equals(value) ? " selected" : "").append(">")
              .append(Html.escape(choice)).append("</option>");
        }
        html.append("</select>");
      } else if (field.type().equals("object") || field.type().equals("array")) {
        html.append("<textarea rows=\"4\"").append(common).append(" placeholder=\"JSON\">")
            .append(Html.escape(value)).append("</textarea>");
      } else {
        boolean numeric = field.type().equals("integer") || field.type().equals("number");
        html.append("<input type=\"text\"").append(numeric ? " inputmode=\"decimal\"" : "").append(common)
            .append(" value=\"").append(Html.escape(value)).append("\">");
      }
    }
    return html.toString();
  }

  /** The input object from a submitted form. */
  ObjectNode input(Map<String, List<String>> values) throws BadValues {
    ObjectNode input = Json.MAPPER.createObjectNode();
    // Problems by field, in form order: a field has one, its own (a value not of its type) or the schema's.
    Map<Integer, String> problems = new TreeMap<>();
    for (int index = 0; index < fields.size(); index++) {
      Field field = fields.get(index);
      String value = first(values, FIELD_PREFIX + field.name());
      if (value == null || value.isBlank()) {
        if (field.required() && !field.hasDefault()) {
          problems.put(index, field.name() + ": required; enter a " + field.type());
        }
        continue;
      }
      try {
        put(input, field, value);
      } catch (IllegalArgumentException e) {
        problems.put(index, e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      // The activity is not run, so its schema check would come only after these are fixed: say it now.
      schemaProblems(input).forEach(problems::putIfAbsent);
      throw new BadValues(List.copyOf(problems.values()));
    }
    return input;
  }

  /**
   * What the input schema says of the values the form took, by field index. Violations of the whole input are left
   * out: for a form they are required fields, which the form checks itself (minding defaults the schema would not).
   */
  private Map<Integer, String> schemaProblems(ObjectNode input) {
    List<SchemaViolation> violations;
    try {
      violations = JsonSchemas.validate(JsonSchemas.compile(inputSchema), input);
    } catch (InvalidSchemaException e) {
      // A loaded definition's schemas compile; the activity's own check would say what is wrong with it.
      return Map.of();
    }
    Map<Integer, String> problems = new TreeMap<>();
    for (SchemaViolation violation : violations) {
      if (violation.pointer().length() < 2) {
        continue;
      }
      String path = violation.pointer().substring(1);
      String name = path.split("/", 2)[0];
      for (int index = 0; index < fields.size(); index++) {
        if (fields.get(index).name().equals(name)) {
          problems.putIfAbsent(index, path + ": " + violation.message());
        }
      }
    }
    return problems;
  }

  /** Puts one field's value, as its type; IllegalArgumentException naming the field when it is not one. */
  private static void put(ObjectNode input, Field field, String value) {
    String text = value.trim();
    boolean enumOfStrings = !field.choices().isEmpty() && field.type().equals("string");
    switch (enumOfStrings ? "string" : field.type()) {
      case "integer" -> {
        try {
          input.put(field.name(), Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(field.name() + ": '" + text + "' is not a whole number");
        }
      }
      case "number" -> {
        try {
          input.put(field.name(), new java.math.BigDecimal(text));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(field.name() + ": '" + text + "' is not a number");
        }
      }
      case "boolean" -> input.put(field.name(), Boolean.parseBoolean(text));
      case "string" -> input.put(field.name(), value);
      default -> {
        try {
          input.set(field.name(), Json.MAPPER.readTree(text));
        } catch (JacksonException e) {
          throw new IllegalArgumentException(field.name() + ": not valid JSON at line "
              + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
              + e.getOriginalMessage());
        }
      }
    }
  }

  /** The first non-null JSON type of a property ({@code ["string","null"]} is a string); untyped is JSON. */
  private static String typeOf(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isString()) {
      return type.stringValue();
    }
    for (JsonNode option : type) {
      if (!option.asString().equals("null")) {
        return option.asString();
      }
    }
    if (schema.has("enum")) {
      return "string";
    }
    return "object";
  }

  private static String first(Map<String, List<String>> values, String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }
}
