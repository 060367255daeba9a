package dev.patchbay.zoom.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON literals and comparisons for tests. */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Numbers compare by value: a parsed 11 is an int node, a byte count the code puts is a long node. */
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) ->
      a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

  private Json() {}

  public static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }

  /** Asserts equal JSON: same structure, same values, numbers by value whatever their Java type. */
  public static void assertJson(JsonNode expected, JsonNode actual) {
    assertTrue(expected.equals(SAME_VALUE, actual), () -> "expected: " + expected + "\n but was: " + actual);
  }
}
