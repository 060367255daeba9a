package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.ActivityInvoker;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Starts and resumes runs of checked workflows, each under its run's lock. */
public final class Execution {

  private final RunRecords store;
  private final Expressions expressions;
  private final Attempts attempts;
  private final Clock clock;
  private final Map<String, String> variables;
  private final SealedRunValues sealed;

  /** @param sealed where the values a record redacts are kept for a resume; null to keep none */
  public Execution(RunRecords store, SealedRunValues sealed, Expressions expressions, ActivityInvoker invoker,
      Sleeper sleeper, Clock clock, Map<String, String> variables) {
    this.store = store;
    this.sealed = sealed;
    this.expressions = expressions;
    this.attempts = new Attempts(invoker, sleeper);
    this.clock = clock;
    this.variables = Map.copyOf(variables);
  }

  /** Runs a workflow from its first step, under a new run id. */
  public WorkflowRun start(CheckedWorkflow workflow, RunListener listener) {
    try (RunRecords.Held claim = store.claim(clock)) {
      RunJournal journal = RunJournal.start(store, sealed, Redactor.forRun(workflow), clock, workflow,
          claim.id());
      return new WorkflowRun(loop(workflow, journal, listener).run(false), store.location(claim.id()),
          journal.outputs());
    }
  }

  /**
   * Goes on with an earlier run, in the same record.
   *
   * @param values the run's sealed values, a missing node when it kept none
   * @return empty when a process is running it now
   */
  public Optional<WorkflowRun> resume(CheckedWorkflow workflow, RunRecord record, JsonNode values,
      RunListener listener) {
    Optional<RunRecords.Held> held = store.hold(record.id());
    if (held.isEmpty()) {
      return Optional.empty();
    }
    try (RunRecords.Held run = held.get()) {
      RunJournal journal = RunJournal.resume(store, sealed, Redactor.forRun(workflow), clock, workflow, record,
          values);
      return Optional.of(new WorkflowRun(loop(workflow, journal, listener).run(true), store.location(run.id()),
          journal.outputs()));
    }
  }

  private RunLoop loop(CheckedWorkflow workflow, RunJournal journal, RunListener listener) {
    StepRunner runner = new StepRunner(workflow, journal, expressions, attempts, listener, variables);
    return new RunLoop(workflow, journal, runner, expressions, listener, variables);
  }
}
