package dev.patchbay.engine.workflows;

import dev.patchbay.engine.activities.time.Sleeper;

import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.check.Preflight;
import dev.patchbay.engine.workflows.check.PreflightResult;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.execution.Execution;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.workflows.execution.SealedRunValues;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Workflows as a Java API: check a workflow file, run it, resume a run that did not succeed, and read run records.
 *
 * <pre>{@code
 * Workflows workflows = Workflows.builder()
 *     .environment(WorkflowEnvironment.of(runtime.catalog(), connections::find))
 *     .invoker(activityRunner)
 *     .runs(home.root().resolve("runs"))
 *     .build();
 * WorkflowRun run = workflows.run(Path.of("archive.yaml"), Map.of("folder", "/tmp/x"), Map.of(), RunListener.NONE);
 * }</pre>
 *
 * Nothing runs unless every check passes ({@link WorkflowProblems}); then the run's record is saved after every
 * change, to {@code RUN_ID.json} in the runs folder or to the {@link RunRecords} given.
 */
public final class Workflows {

  private final Preflight preflight;
  private final Execution execution;
  private final RunRecords store;
  private final SealedRunValues sealed;

  private Workflows(Builder builder) {
    Expressions expressions = new Expressions(builder.clock);
    this.preflight = new Preflight(builder.environment, expressions, builder.variables);
    this.store = builder.records;
    this.sealed = builder.sealedFiles == null ? null : new SealedRunValues(builder.sealedFiles, store);
    this.execution = new Execution(store, sealed, expressions, builder.invoker, builder.sleeper, builder.clock,
        builder.variables);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every problem that would keep the workflow from running, in file order; empty when it would run.
   *
   * @param inputs input values as text, by name ({@code --input name=value})
   * @param connectionOverrides connection names by connector id ({@code --connection zoom=NAME})
   */
  public List<WorkflowProblem> check(Path file, Map<String, String> inputs, Map<String, String> connectionOverrides) {
    return preflight.check(file, inputs, Map.of(), connectionOverrides).problems();
  }

  /**
   * Checks a workflow to be run on events, when it is registered: every rule of a run but the connection of the
   * event's connector, which the event decides, and the trigger's own rules (an event named, its connector loaded,
   * the object input {@code event}, no other input without a default).
   *
   * @return the workflow, with its {@link Workflow#trigger()}
   * @throws WorkflowProblems it could not run on its event
   */
  public Workflow checkTrigger(Path file) throws WorkflowProblems {
    PreflightResult result = preflight.checkTrigger(file);
    return result.checked().orElseThrow(() -> new WorkflowProblems(result.problems())).workflow();
  }

  /**
   * Checks the workflow, then runs it to the end (or to the failure that ends it).
   *
   * @throws WorkflowProblems the workflow did not pass the checks; nothing ran and no record was written
   */
  public WorkflowRun run(Path file, Map<String, String> inputs, Map<String, String> connectionOverrides,
      RunListener listener) throws WorkflowProblems {
    PreflightResult result = preflight.check(file, inputs, Map.of(), connectionOverrides);
    CheckedWorkflow workflow = result.checked().orElseThrow(() -> new WorkflowProblems(result.problems()));
    return execution.start(workflow, listener);
  }

  /** {@link #resume(String, Map, RunListener)} for a run without secret inputs. */
  public WorkflowRun resume(String runId, RunListener listener) throws WorkflowProblems, UnknownRunException {
    return resume(runId, Map.of(), listener);
  }

  /**
   * Goes on with a run that did not succeed, in the same record: re-checks its workflow file with the inputs and
   * connection overrides the run recorded, then runs from the first step that did not succeed. Steps and
   * {@code forEach} elements that succeeded are not run again; their recorded outputs stand for them. A step that
   * was RUNNING when its process died runs again: its activity may have happened once already.
   *
   * @param secretInputs the values of the inputs the record redacted (secret ones), needed only when the run kept
   *     no sealed values (see {@link Builder#sealedValues}); the others keep their recorded values and cannot be
   *     given
   * @throws WorkflowProblems the run succeeded already, is running in another process, or its workflow no longer
   *     passes the checks
   */
  public WorkflowRun resume(String runId, Map<String, String> secretInputs, RunListener listener)
      throws WorkflowProblems, UnknownRunException {
    RunRecord record = run(runId);
    Path file = Path.of(record.workflowFile());
    if (record.status() == RunStatus.SUCCEEDED) {
      throw problem(file, "run " + runId + " succeeded; there is nothing to resume");
    }
    if (record.status() == RunStatus.RUNNING) {
      throw problem(file, "run " + runId + " is running in another process");
    }
    JsonNode values = sealedValues(file, runId);
    Map<String, JsonNode> recorded = new HashMap<>();
    if (record.inputs() != null) {
      record.inputs().properties().forEach(input -> {
        JsonNode kept = values.path("inputs").get(input.getKey());
        if (kept != null && !secretInputs.containsKey(input.getKey())) {
          recorded.put(input.getKey(), kept);
        } else if (!input.getValue().isString() || !input.getValue().stringValue().equals(RunRecord.REDACTED)) {
          recorded.put(input.getKey(), input.getValue());
        }
      });
    }
    List<String> kept = secretInputs.keySet().stream().filter(recorded::containsKey).sorted().toList();
    if (!kept.isEmpty()) {
      throw problem(file, "a resumed run keeps the inputs its record holds; only those it redacted (secret ones) "
          + "can be given, not " + String.join(", ", kept));
    }
    PreflightResult result = preflight.check(file, secretInputs, recorded, record.connectionOverrides());
    CheckedWorkflow workflow = result.checked().orElseThrow(() -> new WorkflowProblems(result.problems()));
    return execution.resume(workflow, record, values, listener)
        .orElseThrow(() -> problem(file, "run " + runId + " is running in another process"));
  }

  /** The values the run kept sealed for a resume, or a missing node when it kept none. */
  private JsonNode sealedValues(Path file, String runId) throws WorkflowProblems {
    if (sealed == null) {
      return MissingNode.getInstance();
    }
    try {
      return sealed.read(runId).orElse(MissingNode.getInstance());
    } catch (StoreException e) {
      throw problem(file, "the values run " + runId + " kept for a resume cannot be opened: " + e.getMessage());
    }
  }

  /**
   * Every readable run, newest first.
   *
   * @throws dev.patchbay.engine.workflows.runs.RunRecordsException the records cannot be listed
   */
  public List<RunRecord> runs() {
    return store.list(0, Integer.MAX_VALUE).runs();
  }

  /** Where runs are recorded: list a page of them, find one. */
  public RunRecords records() {
    return store;
  }

  /**
   * One run's record; a run no process holds any more that says RUNNING reads as INTERRUPTED.
   *
   * @throws dev.patchbay.engine.workflows.runs.RunRecordsException the record exists but cannot be read
   */
  public RunRecord run(String runId) throws UnknownRunException {
    return store.find(runId).orElseThrow(() -> new UnknownRunException(runId));
  }

  /**
   * One run's record with its outputs as they resolved, for whoever may start runs (the one who asked for them: a
   * join link must work): read from the run's sealed values when the record redacts them. The stored record keeps
   * them redacted; a run that kept no sealed values, or whose values this key cannot open, shows its recorded
   * outputs.
   *
   * @throws dev.patchbay.engine.workflows.runs.RunRecordsException the record exists but cannot be read
   */
  public RunRecord runForCaller(String runId) throws UnknownRunException {
    RunRecord record = run(runId);
    if (sealed == null || record.outputs() == null) {
      return record;
    }
    try {
      JsonNode outputs = sealed.read(runId).map(values -> values.get("outputs")).orElse(null);
      return outputs == null ? record : record.withOutputs(outputs);
    } catch (StoreException e) {
      return record;
    }
  }

  private static WorkflowProblems problem(Path file, String message) {
    return new WorkflowProblems(List.of(new WorkflowProblem(file, 0, "", message)));
  }

  /** Configures {@link Workflows}; environment, invoker and where runs are recorded are required. */
  public static final class Builder {
    private WorkflowEnvironment environment;
    private ActivityInvoker invoker;
    private RunRecords records;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> variables = System.getenv();
    private Sleeper sleeper = Sleeper.system();
    private SealedFiles sealedFiles;

    private Builder() {}

    /**
     * Keeps what a resumed run needs but its record shows redacted (secret inputs, outputs holding secrets) in
     * {@code RUN_ID.sealed}, encrypted with these files' key; without it such a run cannot be resumed past them.
     */
    public Builder sealedValues(SealedFiles files) {
      this.sealedFiles = files;
      return this;
    }

    /** Where activities and connections are looked up before a run. */
    public Builder environment(WorkflowEnvironment environment) {
      this.environment = environment;
      return this;
    }

    /** What runs the activities. */
    public Builder invoker(ActivityInvoker invoker) {
      this.invoker = invoker;
      return this;
    }

    /** The folder for run records, usually {@code $PATCHBAY_HOME/runs}; created when the first run starts. */
    public Builder runs(Path folder) {
      return runs(new FileRunRecords(folder));
    }

    /** Where runs are recorded, such as a shared store's {@code runRecords()}. */
    public Builder runs(RunRecords records) {
      this.records = records;
      return this;
    }

    /** The clock of timestamps, run ids and the date functions; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The environment variables {@code env.NAME} reads (only those named {@code PATCHBAY_VAR_*}); the process
     * environment by default.
     */
    public Builder variables(Map<String, String> variables) {
      this.variables = Map.copyOf(variables);
      return this;
    }

    /** How to wait between a step's retry attempts; really sleeping by default. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Workflows build() {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(invoker, "invoker");
      Objects.requireNonNull(records, "runs");
      return new Workflows(this);
    }
  }
}
