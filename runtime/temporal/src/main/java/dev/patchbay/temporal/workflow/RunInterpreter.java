package dev.patchbay.temporal.workflow;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.definition.OnError;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.definition.WorkflowBinder;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import dev.patchbay.engine.workflows.execution.StepValues;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import dev.patchbay.temporal.activity.StepTask;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a Patchbay workflow's steps inside a Temporal workflow, with the local engine's semantics (see
 * {@code dev.patchbay.engine.workflows}): steps in order; {@code when} once per step, or per element when it reads
 * {@code item}; {@code forEach} elements as Temporal activities, at most {@code parallelism} at a time (bounded
 * promises), no new element after a failure unless {@code onError: continue}; {@code onError} fail, continue or a
 * handler step; outputs at the end. Expressions are the engine's, evaluated with Temporal's time and no environment
 * variables, so they read nothing from the host.
 */
final class RunInterpreter {

  private static final Expressions EXPRESSIONS = new Expressions(WorkflowClock.INSTANCE);
  private static final StepValues VALUES = new StepValues(EXPRESSIONS);
  private static final Map<String, String> NO_VARIABLES = Map.of();

  private final Workflow workflow;
  private final RunRequest request;
  private final RunState state;
  private final StepCalls calls;

  RunInterpreter(Workflow workflow, RunRequest request, RunState state, StepCalls calls) {
    this.workflow = workflow;
    this.request = request;
    this.state = state;
    this.calls = calls;
  }

  /** Evaluates an expression of each kind once: JEXL's engine and the function namespaces load here. */
  static void warmUp() {
    try {
      Scope scope = Scope.of(JsonNodeFactory.instance.objectNode().put("x", "2026-01-01"),
          JsonNodeFactory.instance.objectNode(), NO_VARIABLES);
      EXPRESSIONS.resolve(JsonNodeFactory.instance.stringNode(
          "${date:plusDays(inputs.x, 1)} ${size(list:flatten([[1], [2]]))}"), scope);
      WorkflowBinder.bind(Json.MAPPER.readTree("{\"name\": \"warm-up\", \"steps\": []}"));
    } catch (ExpressionException e) {
      throw new IllegalStateException("the warm-up expression is valid", e);
    }
  }

  void run() {
    List<Step> steps = workflow.steps();
    Set<String> handlers = steps.stream().filter(step -> step.onError().kind() == OnError.Kind.HANDLER)
        .map(step -> step.onError().handler()).collect(Collectors.toSet());
    String sentTo = null;
    int index = 0;
    while (index < steps.size()) {
      Step step = steps.get(index);
      if (handlers.contains(step.id()) && !step.id().equals(sentTo)) {
        state.stepSkipped(index, "error handler: runs only when a failing step's onError names it");
        index++;
        continue;
      }
      ErrorRecord error = step(index, step);
      if (error == null) {
        index++;
        continue;
      }
      OnError onError = step.onError();
      switch (onError.kind()) {
        case FAIL -> {
          state.stepFailed(index, StepStatus.FAILED, error, null);
          state.runFailed(step.id(), error);
          return;
        }
        case CONTINUE -> {
          state.stepFailed(index, StepStatus.CONTINUED, error, "onError: continue");
          index++;
        }
        case HANDLER -> {
          int handler = workflow.step(onError.handler()).orElseThrow().index();
          state.stepFailed(index, StepStatus.HANDLED, error, "onError: the run went on with " + onError.handler());
          for (int between = index + 1; between < handler; between++) {
            state.stepSkipped(between, "step " + step.id() + " failed and the run went on with " + onError.handler());
          }
          sentTo = onError.handler();
          index = handler;
        }
        default -> throw new IllegalStateException("unknown onError " + onError.kind());
      }
    }
    outputs();
  }

  /** Runs one step; its error when it failed, else null (succeeded or skipped). */
  private ErrorRecord step(int index, Step step) {
    state.stepStarted(index, request.connections().get(step.id()));
    Scope scope = Scope.of(state.inputs(), state.stepsBefore(index), NO_VARIABLES);
    try {
      if (VALUES.conditionPerStep(step) && !VALUES.condition(step.when(), scope)) {
        state.stepSkipped(index, "when was false");
        return null;
      }
    } catch (ExpressionException e) {
      return RunState.error(ErrorCode.INVALID_INPUT, "when: " + e.getMessage());
    }
    return step.isForEach() ? forEach(index, step, scope) : plain(index, step, scope);
  }

  private ErrorRecord plain(int index, Step step, Scope scope) {
    JsonNode input;
    try {
      input = VALUES.input(step, scope);
    } catch (ExpressionException e) {
      return RunState.error(ErrorCode.INVALID_INPUT, StepValues.inputFailure(e));
    }
    state.stepInput(index, input);
    StepCalls.Outcome outcome = calls.call(step, task(step, -1, input));
    state.stepAttempts(index, outcome.attempts());
    if (outcome.failed()) {
      return outcome.error();
    }
    state.stepSucceeded(index, outcome.output());
    return null;
  }

  private ErrorRecord forEach(int index, Step step, Scope scope) {
    List<JsonNode> items;
    try {
      items = VALUES.elements(step, scope);
    } catch (ExpressionException e) {
      return RunState.error(ErrorCode.INVALID_INPUT, "forEach: " + e.getMessage());
    }
    state.itemsPlanned(index, items);
    boolean[] stop = {false};
    List<Promise<Void>> running = new ArrayList<>();
    int next = 0;
    while (true) {
      while (!stop[0] && next < items.size() && running.size() < step.parallelism()) {
        int item = next++;
        running.add(Async.procedure(() -> {
          if (!item(index, step, scope.withItem(items.get(item), item), item)
              && step.onError().kind() != OnError.Kind.CONTINUE) {
            stop[0] = true;
          }
        }));
      }
      if (running.isEmpty()) {
        break;
      }
      Promise.anyOf(running).get();
      running.removeIf(Promise::isCompleted);
    }
    List<ItemRecord> failed = state.failedItems(index);
    if (failed.isEmpty()) {
      state.forEachSucceeded(index);
      return null;
    }
    ItemRecord first = failed.get(0);
    return RunState.error(first.error(),
        StepValues.elementsFailed(first.index(), first.error().message(), failed.size()));
  }

  /** Runs one element; false when it failed. */
  private boolean item(int index, Step step, Scope scope, int item) {
    state.itemStarted(index, item);
    try {
      if (VALUES.readsItem(step.when()) && !VALUES.condition(step.when(), scope)) {
        state.itemFinished(index, item, StepStatus.SKIPPED, null, null, 0);
        return true;
      }
    } catch (ExpressionException e) {
      state.itemFinished(index, item, StepStatus.FAILED, null,
          RunState.error(ErrorCode.INVALID_INPUT, "when: " + e.getMessage()), 0);
      return false;
    }
    JsonNode input;
    try {
      input = VALUES.input(step, scope);
    } catch (ExpressionException e) {
      state.itemFinished(index, item, StepStatus.FAILED, null, RunState.error(ErrorCode.INVALID_INPUT,
          StepValues.inputFailure(e)), 0);
      return false;
    }
    state.itemInput(index, item, input);
    StepCalls.Outcome outcome = calls.call(step, task(step, item, input));
    state.itemFinished(index, item, outcome.failed() ? StepStatus.FAILED : StepStatus.SUCCEEDED, outcome.output(),
        outcome.error(), outcome.attempts());
    return !outcome.failed();
  }

  private StepTask task(Step step, int item, JsonNode input) {
    return new StepTask(request.runId(), step.id(), item, step.connectorId(), step.operationId(),
        request.connections().get(step.id()), Json.MAPPER.writeValueAsString(input), request.stepTimeoutSeconds(),
        0);
  }

  private void outputs() {
    Scope scope = Scope.of(state.inputs(), state.stepsBefore(workflow.steps().size()), NO_VARIABLES);
    ObjectNode outputs = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> output : workflow.outputs().entrySet()) {
      try {
        outputs.set(output.getKey(), EXPRESSIONS.resolve(output.getValue(), scope));
      } catch (ExpressionException e) {
        state.runFailed(null, RunState.error(ErrorCode.INVALID_INPUT, "outputs." + output.getKey()
            + (e.getMessage().startsWith("/") ? "" : ": ") + e.getMessage()));
        return;
      }
    }
    state.runSucceeded(outputs);
  }
}
