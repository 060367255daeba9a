package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.definition.SourceDocument;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow that passed every check, with what the checks resolved.
 *
 * @param inputs every declared input: the given value, else the resolved default, else null
 * @param secretInputs the names of inputs declared {@code secret: true}
 * @param connections the connection name each step runs with, by step id
 * @param connectionOverrides the {@code connector -> connection} overrides given for the run
 */
public record CheckedWorkflow(
    SourceDocument source,
    Workflow workflow,
    ObjectNode inputs,
    Set<String> secretInputs,
    Map<String, String> connections,
    Map<String, String> connectionOverrides) {

  public CheckedWorkflow {
    secretInputs = Set.copyOf(secretInputs);
    connections = Map.copyOf(connections);
    connectionOverrides = Map.copyOf(connectionOverrides);
  }
}
