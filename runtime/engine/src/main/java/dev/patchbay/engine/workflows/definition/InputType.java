package dev.patchbay.engine.workflows.definition;

import dev.patchbay.engine.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The type of a workflow input. A {@code date} is a JSON string {@code yyyy-MM-dd}. */
public enum InputType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  DATE,
  ARRAY,
  OBJECT;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static Optional<InputType> named(String name) {
    for (InputType type : values()) {
      if (type.typeName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The name the workflow file uses. */
  public String typeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A value given as text ({@code --input name=value}) as this type: arrays and objects as JSON.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public JsonNode parse(String text) {
    try {
      JsonNode value = switch (this) {
        case STRING, DATE -> NODES.stringNode(text);
        case INTEGER -> integer(new BigInteger(text.strip()));
        case NUMBER -> NODES.numberNode(new BigDecimal(text.strip()));
        case BOOLEAN -> switch (text.strip()) {
          case "true" -> NODES.booleanNode(true);
          case "false" -> NODES.booleanNode(false);
          default -> throw new IllegalArgumentException(expected());
        };
        case ARRAY, OBJECT -> Json.MAPPER.readTree(text);
      };
      if (!accepts(value)) {
        throw new IllegalArgumentException(expected());
      }
      return value;
    } catch (NumberFormatException | JacksonException e) {
      throw new IllegalArgumentException(expected(), e);
    }
  }

  /** Whether a JSON value (a default, a recorded input) is of this type. */
  public boolean accepts(JsonNode value) {
    return switch (this) {
      case STRING -> value.isString();
      case INTEGER -> value.isIntegralNumber();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case DATE -> value.isString() && isDate(value.stringValue());
      case ARRAY -> value.isArray();
      case OBJECT -> value.isObject();
    };
  }

  /** What a value of this type looks like, for messages. */
  public String expected() {
    return switch (this) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date as yyyy-MM-dd";
      case ARRAY -> "a JSON array";
      case OBJECT -> "a JSON object";
    };
  }

  private static JsonNode integer(BigInteger value) {
    if (value.bitLength() < Integer.SIZE) {
      return NODES.numberNode(value.intValue());
    }
    return value.bitLength() < Long.SIZE ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
