package dev.patchbay.temporal.workflow;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.definition.WorkflowBinder;
import dev.patchbay.temporal.activity.StepResult;
import dev.patchbay.temporal.activity.StepTask;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.CanceledFailure;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;

/**
 * The generic workflow: binds the Patchbay workflow file its request carries and interprets it
 * ({@link RunInterpreter}), keeping its run record written ({@link RecordWriter}). Everything it reads comes from the
 * request or from Temporal (time, activity results), so a replay takes the same path.
 */
public final class PatchbayWorkflowImpl implements PatchbayWorkflow {

  private RunState state;

  @Override
  public String run(RunRequest request) {
    Workflow workflow = WorkflowBinder.bind(Json.MAPPER.readTree(request.definition()));
    state = new RunState(request, workflow.name(), Json.MAPPER.readTree(request.inputs()), workflow.steps(),
        WorkflowClock.INSTANCE);
    RecordWriter records = new RecordWriter(state);
    records.start();
    try {
      new RunInterpreter(workflow, request, state, new StepCalls(request)).run();
    } catch (CanceledFailure cancelled) {
      state.runCancelled();
      records.finish();
      throw cancelled;
    }
    records.finish();
    return record();
  }

  /**
   * Loads and initialises what the first workflow task would (Temporal's JSON converter for the request and the
   * step results, the expression engine, the workflow binder), so that task does not spend its 1 s on class
   * loading.
   */
  public static void warmUp() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    RunRequest request = new RunRequest("warm-up", "warm-up", "", "", "{}", "{}", Map.of(), Map.of(), List.of(),
        1, 1);
    converter.fromPayload(converter.toPayload(request).orElseThrow(), RunRequest.class, RunRequest.class);
    StepResult result = new StepResult("{}", 1);
    converter.fromPayload(converter.toPayload(result).orElseThrow(), StepResult.class, StepResult.class);
    StepTask task = new StepTask("", "", -1, "", "", "", "{}", 1, 0);
    converter.fromPayload(converter.toPayload(task).orElseThrow(), StepTask.class, StepTask.class);
    RunInterpreter.warmUp();
  }

  @Override
  public String record() {
    return state == null ? null : Json.MAPPER.writeValueAsString(state.record());
  }
}
