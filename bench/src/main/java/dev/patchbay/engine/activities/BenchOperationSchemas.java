package dev.patchbay.engine.activities;

import dev.patchbay.engine.definitions.OperationDefinition;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark-only access to the runner's package-private schema cache ({@link OperationSchemas}, then
 * {@link CompiledOperation#prepareInput}): the exact code the runner runs on every activity's input. Lives in the
 * bench module, in the engine's package; nothing in the engine uses it.
 */
public final class BenchOperationSchemas {

  private final OperationSchemas schemas = new OperationSchemas();

  /** As {@code ActivityRunner.run} does: the cached compiled schemas, then defaults and validation of a copy. */
  public JsonNode prepareInput(String connectorId, OperationDefinition operation, JsonNode input)
      throws ActivityException {
    return schemas.of(connectorId, operation.id(), operation).prepareInput(input);
  }

  /** As {@code ActivityRunner.run} does with the plugin's result: validation against the cached output schema. */
  public void checkOutput(String connectorId, OperationDefinition operation, JsonNode output, String pluginId)
      throws ActivityException {
    schemas.of(connectorId, operation.id(), operation).checkOutput(output, pluginId);
  }
}
