package dev.patchbay.engine.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A check that says, without allocating, that a document is valid against a schema, for schemas made only of the
 * keywords it knows ({@code type}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code enum}, {@code const}, the length, size and bound keywords, and annotations). It only ever
 * answers "valid" or "not sure": a document it is not sure of is validated by networknt, which then gives the
 * violations with their messages, so what a caller hears never depends on it. It exists because networknt
 * allocates a path per property it visits, about 9 KB for a 1 KB answer that is valid, on every activity.
 */
final class QuickValidity {

  /**
   * Keywords that assert nothing: 2020-12's annotations, and {@code format}, which only annotates in 2020-12 unless
   * asked to assert. A {@code $schema} naming an older draft (where {@code format} asserts) is not known.
   */
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$comment",
      "deprecated", "readOnly", "writeOnly", "format");

  private enum Type { STRING, INTEGER, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY }

  private static final int TYPES = Type.values().length;

  private final EnumSet<Type> types;
  private final Map<String, QuickValidity> properties;
  /** The declared properties again, as arrays: walking them allocates no iterator. */
  private final String[] names;
  private final QuickValidity[] checks;
  private final String[] required;
  /** Null: any other property; {@link #NONE}: none; else each other property must pass it. */
  private final QuickValidity additional;
  private final QuickValidity items;
  private final List<JsonNode> allowed;
  private final long minLength;
  private final long maxLength;
  private final long minSize;
  private final long maxSize;
  private final BigDecimal minimum;
  private final BigDecimal maximum;
  private final BigDecimal exclusiveMinimum;
  private final BigDecimal exclusiveMaximum;

  private static final QuickValidity NONE = new QuickValidity(new HashMap<>());

  private QuickValidity(Map<String, Object> parts) {
    @SuppressWarnings("unchecked")
    EnumSet<Type> declared = (EnumSet<Type>) parts.getOrDefault("type", EnumSet.allOf(Type.class));
    this.types = declared;
    @SuppressWarnings("unchecked")
    Map<String, QuickValidity> declaredProperties = (Map<String, QuickValidity>) parts.getOrDefault("properties",
        Map.of());
    this.properties = declaredProperties;
    this.names = declaredProperties.keySet().toArray(String[]::new);
    this.checks = new QuickValidity[names.length];
    for (int i = 0; i < names.length; i++) {
      checks[i] = declaredProperties.get(names[i]);
    }
    @SuppressWarnings("unchecked")
    List<String> declaredRequired = (List<String>) parts.getOrDefault("required", List.of());
    this.required = declaredRequired.toArray(String[]::new);
    this.additional = (QuickValidity) parts.get("additionalProperties");
    this.items = (QuickValidity) parts.get("items");
    @SuppressWarnings("unchecked")
    List<JsonNode> declaredAllowed = (List<JsonNode>) parts.get("enum");
    this.allowed = declaredAllowed;
    this.minLength = (long) parts.getOrDefault("minLength", 0L);
    this.maxLength = (long) parts.getOrDefault("maxLength", Long.MAX_VALUE);
    this.minSize = (long) parts.getOrDefault("minItems", 0L);
    this.maxSize = (long) parts.getOrDefault("maxItems", Long.MAX_VALUE);
    this.minimum = (BigDecimal) parts.get("minimum");
    this.maximum = (BigDecimal) parts.get("maximum");
    this.exclusiveMinimum = (BigDecimal) parts.get("exclusiveMinimum");
    this.exclusiveMaximum = (BigDecimal) parts.get("exclusiveMaximum");
  }

  /** The check for {@code schema}; empty when it uses a keyword this check does not know ({@code $ref}, anyOf...). */
  static Optional<QuickValidity> of(JsonNode schema) {
    return Optional.ofNullable(compile(schema));
  }

  private static QuickValidity compile(JsonNode schema) {
    if (schema.isBoolean()) {
      return schema.booleanValue() ? new QuickValidity(new HashMap<>()) : null;
    }
    if (!schema.isObject()) {
      return null;
    }
    Map<String, Object> parts = new HashMap<>();
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      JsonNode value = keyword.getValue();
      Object part = switch (keyword.getKey()) {
        case "type" -> types(value);
        case "properties" -> properties(value);
        case "required" -> required(value);
        case "additionalProperties" -> value.isBoolean() && !value.booleanValue() ? NONE : compile(value);
        case "items" -> compile(value);
        case "enum" -> value.isArray() ? elements(value) : null;
        case "const" -> List.of(value);
        case "minLength", "maxLength", "minItems", "maxItems" -> count(value);
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> value.isNumber() ? value.decimalValue()
            : null;
        default -> ANNOTATIONS.contains(keyword.getKey()) ? Boolean.TRUE : null;
      };
      if (part == null) {
        return null;
      }
      String name = keyword.getKey().equals("const") ? "enum" : keyword.getKey();
      if (name.equals("enum") && parts.containsKey("enum")) {
        return null; // both enum and const: not worth combining
      }
      parts.put(name, part);
    }
    return new QuickValidity(parts);
  }

  private static EnumSet<Type> types(JsonNode value) {
    EnumSet<Type> types = EnumSet.noneOf(Type.class);
    Iterable<JsonNode> names = value.isArray() ? value : List.of(value);
    for (JsonNode name : names) {
      if (!name.isString()) {
        return null;
      }
      switch (name.stringValue()) {
        case "string" -> types.add(Type.STRING);
        case "integer" -> types.add(Type.INTEGER);
        case "number" -> types.add(Type.NUMBER);
        case "boolean" -> types.add(Type.BOOLEAN);
        case "null" -> types.add(Type.NULL);
        case "object" -> types.add(Type.OBJECT);
        case "array" -> types.add(Type.ARRAY);
        default -> {
          return null;
        }
      }
    }
    return types.isEmpty() ? null : types;
  }

  private static Map<String, QuickValidity> properties(JsonNode value) {
    if (!value.isObject()) {
      return null;
    }
    Map<String, QuickValidity> checks = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : value.properties()) {
      QuickValidity check = compile(property.getValue());
      if (check == null) {
        return null;
      }
      checks.put(property.getKey(), check);
    }
    return Map.copyOf(checks);
  }

  private static List<String> required(JsonNode value) {
    List<String> names = new ArrayList<>();
    for (JsonNode name : value) {
      if (!name.isString()) {
        return null;
      }
      names.add(name.stringValue());
    }
    return value.isArray() ? List.copyOf(names) : null;
  }

  private static List<JsonNode> elements(JsonNode value) {
    List<JsonNode> elements = new ArrayList<>();
    value.forEach(elements::add);
    return List.copyOf(elements);
  }

  private static Long count(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0 ? value.longValue() : null;
  }

  /** True when {@code document} is certainly valid; false when it may not be (networknt decides then). */
  boolean certainlyValid(JsonNode document) {
    if (!typeFits(document)) {
      return false;
    }
    if (allowed != null && !allowed.contains(document)) {
      return false;
    }
    if (document.isString()) {
      String text = document.stringValue();
      if (minLength > 0 || maxLength < Long.MAX_VALUE) {
        long length = text.codePointCount(0, text.length());
        return length >= minLength && length <= maxLength;
      }
      return true;
    }
    if (document.isNumber()) {
      return withinBounds(document);
    }
    if (document.isObject()) {
      return objectValid(document);
    }
    if (document.isArray()) {
      return arrayValid(document);
    }
    return true;
  }

  private boolean typeFits(JsonNode document) {
    if (types.size() == TYPES) {
      return true;
    }
    if (document.isString()) {
      return types.contains(Type.STRING);
    }
    if (document.isIntegralNumber()) {
      return types.contains(Type.INTEGER) || types.contains(Type.NUMBER);
    }
    if (document.isNumber()) {
      return types.contains(Type.NUMBER);
    }
    if (document.isBoolean()) {
      return types.contains(Type.BOOLEAN);
    }
    if (document.isNull()) {
      return types.contains(Type.NULL);
    }
    if (document.isObject()) {
      return types.contains(Type.OBJECT);
    }
    return document.isArray() && types.contains(Type.ARRAY);
  }

  private boolean withinBounds(JsonNode number) {
    if (minimum == null && maximum == null && exclusiveMinimum == null && exclusiveMaximum == null) {
      return true;
    }
    if (!number.isIntegralNumber() || !number.canConvertToLong()) {
      return false; // fractions and huge numbers: left to networknt's own arithmetic
    }
    long value = number.longValue();
    return (minimum == null || minimum.compareTo(BigDecimal.valueOf(value)) <= 0)
        && (maximum == null || maximum.compareTo(BigDecimal.valueOf(value)) >= 0)
        && (exclusiveMinimum == null || exclusiveMinimum.compareTo(BigDecimal.valueOf(value)) < 0)
        && (exclusiveMaximum == null || exclusiveMaximum.compareTo(BigDecimal.valueOf(value)) > 0);
  }

  private boolean objectValid(JsonNode object) {
    for (String name : required) {
      if (!object.has(name)) {
        return false;
      }
    }
    if (additional == null) {
      // Only the declared properties need a look; walking the document's properties would allocate.
      for (int i = 0; i < names.length; i++) {
        JsonNode value = object.get(names[i]);
        if (value != null && !checks[i].certainlyValid(value)) {
          return false;
        }
      }
      return true;
    }
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      QuickValidity check = properties.get(property.getKey());
      if (check == null) {
        check = additional;
        if (check == NONE) {
          return false;
        }
      }
      if (!check.certainlyValid(property.getValue())) {
        return false;
      }
    }
    return true;
  }

  private boolean arrayValid(JsonNode array) {
    if (array.size() < minSize || array.size() > maxSize) {
      return false;
    }
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        if (!items.certainlyValid(array.get(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
