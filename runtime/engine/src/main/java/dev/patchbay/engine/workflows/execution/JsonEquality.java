package dev.patchbay.engine.workflows.execution;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/** JSON equality that ignores how a number is stored: 3 read from a record equals 3 computed by an expression. */
final class JsonEquality {

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    }
    return a.equals(b) ? 0 : 1;
  };

  private JsonEquality() {}

  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || a.isNull() || b == null || b.isNull()) {
      // A record may read JSON null back as no value at all.
      return (a == null || a.isNull()) && (b == null || b.isNull());
    }
    return a.equals(NUMBERS_BY_VALUE, b);
  }
}
