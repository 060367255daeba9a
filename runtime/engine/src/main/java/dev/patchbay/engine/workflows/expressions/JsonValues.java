package dev.patchbay.engine.workflows.expressions;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns what an expression produced back into JSON, keeping its type: numbers stay numbers, objects objects. */
final class JsonValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  static JsonNode toJson(Object value) {
    JsonNode view = JsonView.node(value);
    if (view != null) {
      return view;
    }
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String || value instanceof Character) {
      return NODES.stringNode(value.toString());
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, member) -> object.set(String.valueOf(key), toJson(member)));
      return object;
    }
    if (value instanceof Iterable<?> iterable) {
      ArrayNode array = NODES.arrayNode();
      iterable.forEach(element -> array.add(toJson(element)));
      return array;
    }
    if (value.getClass().isArray()) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < Array.getLength(value); i++) {
        array.add(toJson(Array.get(value, i)));
      }
      return array;
    }
    throw new EvaluationFailure("the expression produced a value that is not JSON");
  }

  private static JsonNode number(Number number) {
    if (number instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (number instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (number instanceof Double || number instanceof Float) {
      double value = number.doubleValue();
      if (!Double.isFinite(value)) {
        throw new EvaluationFailure("the expression produced " + value + ", which JSON cannot hold");
      }
      return NODES.numberNode(value);
    }
    if (number instanceof Long) {
      return NODES.numberNode(number.longValue());
    }
    return NODES.numberNode(number.intValue());
  }
}
