package dev.patchbay.engine.definitions;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes every operation schema self-contained: the definition's {@code $defs} go into each input and output schema
 * that has none of its own, so {@code {"$ref": "#/$defs/issue"}} resolves wherever the schema is compiled alone.
 * The schemas share their nodes with the definition (nothing writes to a definition's schemas after it is read):
 * deep copies of every shared schema into every operation were a third of loading a declarative connector.
 */
final class SharedSchemas {

  private SharedSchemas() {}

  static List<OperationDefinition> resolve(List<OperationDefinition> operations, Map<String, JsonNode> shared) {
    if (shared.isEmpty()) {
      return operations;
    }
    ObjectNode defs = JsonNodeFactory.instance.objectNode();
    shared.forEach(defs::set);
    return operations.stream()
        .map(operation -> operation.withSchemas(with(operation.input(), defs), with(operation.output(), defs)))
        .toList();
  }

  static JsonNode with(JsonNode schema, Map<String, JsonNode> shared) {
    if (shared.isEmpty()) {
      return schema;
    }
    ObjectNode defs = JsonNodeFactory.instance.objectNode();
    shared.forEach(defs::set);
    return with(schema, defs);
  }

  private static JsonNode with(JsonNode schema, ObjectNode defs) {
    if (!(schema instanceof ObjectNode object) || object.has("$defs")) {
      return schema;
    }
    ObjectNode withDefs = JsonNodeFactory.instance.objectNode();
    withDefs.setAll(object);
    withDefs.set("$defs", defs);
    return withDefs;
  }
}
