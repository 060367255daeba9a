package dev.patchbay.engine.workflows.execution;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.definition.OnError;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the steps in order and applies {@code onError}:
 *
 * <ul>
 *   <li>{@code fail} (the default): the step is FAILED, the run is FAILED and stops.
 *   <li>{@code continue}: the step is CONTINUED (its output null, its error readable as {@code steps.ID.error}) and
 *       the run goes on with the next step.
 *   <li>a step id: the step is HANDLED, the steps between it and the handler are SKIPPED, the handler runs (its
 *       {@code when} still applies), and the run goes on after the handler. A handler step runs only when a failure
 *       sends the run to it; reached in order, it is SKIPPED. A handler's own failure follows its own
 *       {@code onError}. A run whose failures were all continued or handled SUCCEEDS.
 * </ul>
 *
 * <p>In a resumed run, a step that SUCCEEDED before is not run again: its recorded output stands for it.
 */
final class RunLoop {

  private final CheckedWorkflow workflow;
  private final RunJournal journal;
  private final StepRunner runner;
  private final Expressions expressions;
  private final RunListener listener;
  private final Map<String, String> variables;

  RunLoop(CheckedWorkflow workflow, RunJournal journal, StepRunner runner, Expressions expressions,
      RunListener listener, Map<String, String> variables) {
    this.workflow = workflow;
    this.journal = journal;
    this.runner = runner;
    this.expressions = expressions;
    this.listener = listener;
    this.variables = variables;
  }

  RunRecord run(boolean resumed) {
    List<Step> steps = workflow.workflow().steps();
    Set<String> handlers = steps.stream().filter(step -> step.onError().kind() == OnError.Kind.HANDLER)
        .map(step -> step.onError().handler()).collect(Collectors.toSet());
    listener.runStarted(journal.id(), steps.size(), resumed);
    String sentTo = null;
    int index = 0;
    while (index < steps.size()) {
      Step step = steps.get(index);
      if (journal.succeededBefore(index)) {
        listener.stepFinished(journal.stepRecord(index), true);
        index++;
        continue;
      }
      if (handlers.contains(step.id()) && !step.id().equals(sentTo)) {
        skip(index, "error handler: runs only when a failing step's onError names it");
        index++;
        continue;
      }
      StepOutcome outcome = runner.run(index);
      if (!outcome.failed()) {
        listener.stepFinished(journal.stepRecord(index), false);
        index++;
        continue;
      }
      OnError onError = step.onError();
      switch (onError.kind()) {
        case FAIL -> {
          journal.stepFailed(index, StepStatus.FAILED, outcome.error(), null);
          listener.stepFinished(journal.stepRecord(index), false);
          journal.runFailed(step.id(), outcome.error());
          return finished();
        }
        case CONTINUE -> {
          journal.stepFailed(index, StepStatus.CONTINUED, outcome.error(), "onError: continue");
          listener.stepFinished(journal.stepRecord(index), false);
          index++;
        }
        case HANDLER -> {
          int handler = workflow.workflow().step(onError.handler()).orElseThrow().index();
          journal.stepFailed(index, StepStatus.HANDLED, outcome.error(), "onError: the run went on with "
              + onError.handler());
          listener.stepFinished(journal.stepRecord(index), false);
          for (int between = index + 1; between < handler; between++) {
            if (!journal.succeededBefore(between)) {
              skip(between, "step " + step.id() + " failed and the run went on with " + onError.handler());
            }
          }
          sentTo = onError.handler();
          index = handler;
        }
        default -> throw new IllegalStateException("unknown onError " + onError.kind());
      }
    }
    outputs();
    return finished();
  }

  private void skip(int index, String note) {
    journal.stepSkipped(index, note);
    listener.stepFinished(journal.stepRecord(index), false);
  }

  private void outputs() {
    Scope scope = Scope.of(workflow.inputs(), journal.stepsBefore(workflow.workflow().steps().size()), variables);
    ObjectNode outputs = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> output : workflow.workflow().outputs().entrySet()) {
      try {
        outputs.set(output.getKey(), expressions.resolve(output.getValue(), scope));
      } catch (ExpressionException e) {
        journal.runFailed(null, journal.error(ErrorCode.INVALID_INPUT, "outputs." + output.getKey()
            + (e.getMessage().startsWith("/") ? "" : ": ") + e.getMessage()));
        return;
      }
    }
    journal.runSucceeded(outputs);
  }

  private RunRecord finished() {
    RunRecord record = journal.record();
    listener.runFinished(record);
    return record;
  }
}
