package dev.patchbay.temporal.workflow;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.definition.WorkflowBinder;

/**
 * The generic workflow: binds the Patchbay workflow file its request carries and interprets it
 * ({@link RunInterpreter}). Everything it reads comes from the request or from Temporal (time, activity results), so
 * a replay takes the same path.
 */
public final class PatchbayWorkflowImpl implements PatchbayWorkflow {

  private RunState state;

  @Override
  public String run(RunRequest request) {
    Workflow workflow = WorkflowBinder.bind(Json.MAPPER.readTree(request.definition()));
    state = new RunState(request, workflow.name(), Json.MAPPER.readTree(request.inputs()), workflow.steps(),
        WorkflowClock.INSTANCE);
    new RunInterpreter(workflow, request, state, new StepCalls(request)).run();
    return record();
  }

  @Override
  public String record() {
    return state == null ? null : Json.MAPPER.writeValueAsString(state.record());
  }
}
