package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.util.HashMap;
import java.util.Map;

/** Every step's activity names a loaded connector and one of its operations. */
final class ActivityCheck {

  private ActivityCheck() {}

  /** The operation of every step whose activity exists, by step index. */
  static Map<Integer, OperationDefinition> check(Workflow workflow, WorkflowEnvironment environment,
      Problems problems) {
    Map<Integer, OperationDefinition> operations = new HashMap<>();
    for (Step step : workflow.steps()) {
      if (step.activity() == null) {
        continue;
      }
      String pointer = step.pointer() + "/activity";
      if (!environment.hasConnector(step.connectorId())) {
        problems.at(pointer, "no connector '" + step.connectorId() + "' is loaded (see patchbay connectors list)");
        continue;
      }
      environment.operation(step.connectorId(), step.operationId()).ifPresentOrElse(
          operation -> operations.put(step.index(), operation),
          () -> problems.at(pointer, "connector '" + step.connectorId() + "' has no operation '" + step.operationId()
              + "'" + Suggestions.hint(step.operationId(), environment.operationIds(step.connectorId()))
              + " (see patchbay connectors show " + step.connectorId() + ")"));
    }
    return operations;
  }
}
