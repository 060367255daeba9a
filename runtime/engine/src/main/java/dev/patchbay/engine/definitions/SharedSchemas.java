package dev.patchbay.engine.definitions;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes every operation schema self-contained: the definition's {@code $defs} go into each input and output schema
 * that has none of its own, so {@code {"$ref": "#/$defs/issue"}} resolves wherever the schema is compiled alone.
 */
final class SharedSchemas {

  private SharedSchemas() {}

  static List<OperationDefinition> resolve(List<OperationDefinition> operations, Map<String, JsonNode> shared) {
    if (shared.isEmpty()) {
      return operations;
    }
    return operations.stream()
        .map(operation -> operation.withSchemas(with(operation.input(), shared), with(operation.output(), shared)))
        .toList();
  }

  static JsonNode with(JsonNode schema, Map<String, JsonNode> shared) {
    if (shared.isEmpty() || !(schema instanceof ObjectNode object) || object.has("$defs")) {
      return schema;
    }
    ObjectNode copy = object.deepCopy();
    ObjectNode defs = copy.putObject("$defs");
    shared.forEach((name, definition) -> defs.set(name, definition.deepCopy()));
    return copy;
  }
}
