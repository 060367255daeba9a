package dev.patchbay.engine.workflows.execution;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.FailureDetails;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.ActivityFailedException;
import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's state, kept current on disk: every change is written to the run record before the method returns, so a
 * crash leaves a record that says what had happened (a step or element that was running stays RUNNING). Parallel
 * {@code forEach} elements change it from several threads; changes that arrive while a write is under way go out
 * together in the next one.
 */
final class RunJournal {

  private final RunRecords store;
  private final Redactor redactor;
  private final Clock clock;
  private final CheckedWorkflow workflow;
  private final String id;
  private final Instant startedAt;
  private final List<Instant> resumedAt;
  private final JsonNode recordedInputs;
  private final List<StepState> steps;

  private RunStatus status = RunStatus.RUNNING;
  private Instant endedAt;
  private JsonNode recordedOutputs;
  private JsonNode outputs;
  private String failedStep;
  private ErrorRecord error;

  private long version;
  private final Object writeLock = new Object();
  private long written = -1;

  /** Where the values the record redacts are kept for a resume; null to keep none. */
  private final SealedRunValues sealed;
  /** Whether a value the record shows redacted is needed by a later step or a resume, so it must be sealed. */
  private boolean redactedSome;
  /** The version whose live values were last sealed. */
  private long sealedVersion = -1;
  private long valuesVersion;

  private RunJournal(RunRecords store, SealedRunValues sealed, Redactor redactor, Clock clock,
      CheckedWorkflow workflow, String id, Instant startedAt, List<Instant> resumedAt, List<StepState> steps) {
    this.store = store;
    this.sealed = sealed;
    this.redactor = redactor;
    this.clock = clock;
    this.workflow = workflow;
    this.id = id;
    this.startedAt = startedAt;
    this.resumedAt = new ArrayList<>(resumedAt);
    this.recordedInputs = redactor.redact(workflow.inputs());
    this.steps = steps;
    this.redactedSome = !JsonEquality.same(workflow.inputs(), recordedInputs)
        || steps.stream().anyMatch(StepState::holdsSealedValues);
  }

  /** A new run: every step PENDING; written at once. */
  static RunJournal start(RunRecords store, SealedRunValues sealed, Redactor redactor, Clock clock,
      CheckedWorkflow workflow, String id) {
    List<StepState> steps = workflow.workflow().steps().stream()
        .map(step -> new StepState(step.id(), step.activity())).toList();
    RunJournal journal = new RunJournal(store, sealed, redactor, clock, workflow, id, clock.instant(), List.of(),
        steps);
    journal.changed();
    return journal;
  }

  /**
   * An earlier run going on: steps of the workflow file that the record has with the same id and activity keep
   * their recorded state (succeeded ones are reused, elements of forEach steps too); others start PENDING.
   *
   * @param values the run's sealed values ({@link SealedRunValues}), a missing node when it kept none: reused
   *     outputs are read from them, so what the record shows redacted is there as it was
   */
  static RunJournal resume(RunRecords store, SealedRunValues sealed, Redactor redactor, Clock clock,
      CheckedWorkflow workflow, RunRecord record, JsonNode values) {
    List<StepState> steps = new ArrayList<>();
    for (Step step : workflow.workflow().steps()) {
      steps.add(record.step(step.id())
          .filter(recorded -> step.activity().equals(recorded.activity()))
          .map(recorded -> StepState.fromRecord(recorded, values.path("steps").path(step.id())))
          .orElseGet(() -> new StepState(step.id(), step.activity())));
    }
    List<Instant> resumed = new ArrayList<>(record.resumedAt());
    resumed.add(clock.instant());
    RunJournal journal = new RunJournal(store, sealed, redactor, clock, workflow, record.id(), record.startedAt(),
        resumed, List.copyOf(steps));
    journal.changed();
    return journal;
  }

  String id() {
    return id;
  }

  /** The outputs as they resolved, unredacted, once the run succeeded; else null. */
  synchronized JsonNode outputs() {
    return outputs;
  }

  /** Whether the step succeeded in the run being resumed, so its recorded output stands for it. */
  synchronized boolean succeededBefore(int step) {
    return steps.get(step).status == StepStatus.SUCCEEDED;
  }

  /** What expressions of step {@code step} read as {@code steps}: every step before it. */
  synchronized ObjectNode stepsBefore(int step) {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    List<Step> definitions = workflow.workflow().steps();
    for (int i = 0; i < step; i++) {
      view.set(steps.get(i).id, steps.get(i).view(definitions.get(i).isForEach()));
    }
    return view;
  }

  void stepStarted(int step) {
    synchronized (this) {
      StepState state = steps.get(step);
      state.restart(workflow.connections().get(state.id), clock.instant());
    }
    changed();
  }

  void stepAttempt(int step) {
    synchronized (this) {
      steps.get(step).attempts++;
    }
    changed();
  }

  void stepInput(int step, JsonNode input) {
    synchronized (this) {
      steps.get(step).recordedInput = redactor.redact(input);
    }
    changed();
  }

  void stepSucceeded(int step, JsonNode output) {
    synchronized (this) {
      StepState state = steps.get(step);
      state.output = output;
      state.recordedOutput = redactor.redact(output);
      valuesChanged(output, state.recordedOutput);
      finish(state, StepStatus.SUCCEEDED, null, null);
    }
    changed();
  }

  /** A forEach step whose elements all succeeded or were skipped; its output is theirs, in element order. */
  void forEachSucceeded(int step) {
    synchronized (this) {
      StepState state = steps.get(step);
      state.collectItemOutputs();
      finish(state, StepStatus.SUCCEEDED, null, null);
    }
    changed();
  }

  void stepSkipped(int step, String note) {
    synchronized (this) {
      finish(steps.get(step), StepStatus.SKIPPED, null, note);
    }
    changed();
  }

  /** @param status FAILED, CONTINUED or HANDLED, as the step's onError decided */
  void stepFailed(int step, StepStatus status, ErrorRecord failure, String note) {
    synchronized (this) {
      StepState state = steps.get(step);
      if (state.items != null) {
        state.collectItemOutputs();
      }
      finish(state, status, failure, note);
    }
    changed();
  }

  /**
   * The elements of a forEach step. An element that succeeded in the run being resumed, at the same index and with
   * the same value, is kept and not run again; every other element starts PENDING.
   *
   * @return the indexes of the elements that still have to run
   */
  List<Integer> itemsPlanned(int step, List<JsonNode> items) {
    List<Integer> toRun = new ArrayList<>();
    synchronized (this) {
      StepState state = steps.get(step);
      List<ItemState> earlier = state.items == null ? List.of() : state.items;
      List<ItemState> planned = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        JsonNode recordedItem = redactor.redact(items.get(i));
        ItemState before = i < earlier.size() ? earlier.get(i) : null;
        if (before != null && before.status == StepStatus.SUCCEEDED
            && JsonEquality.same(before.recordedItem, recordedItem)) {
          planned.add(before);
        } else {
          planned.add(new ItemState(i, items.get(i), recordedItem));
          toRun.add(i);
        }
      }
      state.items = planned;
    }
    changed();
    return toRun;
  }

  void itemStarted(int step, int item) {
    synchronized (this) {
      ItemState state = steps.get(step).items.get(item);
      state.status = StepStatus.RUNNING;
      state.startedAt = clock.instant();
    }
    changed();
  }

  void itemAttempt(int step, int item) {
    synchronized (this) {
      steps.get(step).items.get(item).attempts++;
    }
    changed();
  }

  void itemInput(int step, int item, JsonNode input) {
    synchronized (this) {
      steps.get(step).items.get(item).recordedInput = redactor.redact(input);
    }
    changed();
  }

  void itemSucceeded(int step, int item, JsonNode output) {
    synchronized (this) {
      ItemState state = steps.get(step).items.get(item);
      state.output = output;
      state.recordedOutput = redactor.redact(output);
      valuesChanged(output, state.recordedOutput);
      valuesChanged(state.item, state.recordedItem);
      finish(state, StepStatus.SUCCEEDED, null);
    }
    changed();
  }

  void itemSkipped(int step, int item) {
    synchronized (this) {
      finish(steps.get(step).items.get(item), StepStatus.SKIPPED, null);
    }
    changed();
  }

  void itemFailed(int step, int item, ErrorRecord failure) {
    synchronized (this) {
      finish(steps.get(step).items.get(item), StepStatus.FAILED, failure);
    }
    changed();
  }

  void runSucceeded(JsonNode outputs) {
    synchronized (this) {
      status = RunStatus.SUCCEEDED;
      this.outputs = outputs;
      recordedOutputs = redactor.redact(outputs);
      endedAt = clock.instant();
      // Sealed too when the record redacts them: the caller who started the run reads them later (a join link).
      valuesChanged(outputs, recordedOutputs);
    }
    changed();
  }

  /** @param step the step whose failure ended the run, or null when the outputs could not be resolved */
  void runFailed(String step, ErrorRecord failure) {
    synchronized (this) {
      status = RunStatus.FAILED;
      failedStep = step;
      error = failure;
      endedAt = clock.instant();
    }
    changed();
  }

  /** A failure's record, with secrets taken out of its message. */
  ErrorRecord error(ErrorCode code, String message) {
    return new ErrorRecord(code, redactor.redact(message));
  }

  /**
   * An activity's failure as recorded: its code, its message and its details (an activity's error's, or what any
   * failure says of the provider, the configuration and the store), secrets taken out of both.
   */
  ErrorRecord error(ConnectorException failure) {
    Map<String, Object> details = failure instanceof ActivityFailedException activity ? activity.details()
        : FailureDetails.of(failure);
    return new ErrorRecord(failure.code(), redactor.redact(failure.getMessage()),
        redactor.redact(Json.MAPPER.valueToTree(details)));
  }

  /** A forEach step's failure: what its first failed element's said ({@code first}), in {@code message}'s words. */
  ErrorRecord error(ErrorRecord first, String message) {
    return new ErrorRecord(first.code(), redactor.redact(message), first.details());
  }

  synchronized StepRecord stepRecord(int step) {
    return steps.get(step).toRecord();
  }

  synchronized ItemRecord itemRecord(int step, int item) {
    return steps.get(step).items.get(item).toRecord();
  }

  synchronized RunRecord record() {
    return new RunRecord(id, workflow.workflow().name(), workflow.source().file().toAbsolutePath().toString(),
        sha256(workflow.source().text()), status, startedAt, endedAt, resumedAt, recordedInputs,
        workflow.connectionOverrides(), steps.stream().map(StepState::toRecord).toList(), recordedOutputs, failedStep,
        error);
  }

  private void finish(StepState state, StepStatus newStatus, ErrorRecord failure, String note) {
    state.status = newStatus;
    state.error = failure;
    state.note = note;
    if (state.startedAt == null) {
      state.startedAt = clock.instant();
    }
    state.endedAt = clock.instant();
  }

  private void finish(ItemState state, StepStatus newStatus, ErrorRecord failure) {
    state.status = newStatus;
    state.error = failure;
    if (state.startedAt == null) {
      state.startedAt = clock.instant();
    }
    state.endedAt = clock.instant();
  }

  /** A value later steps or a resume may read changed; {@code recorded} is how the record shows it. */
  private void valuesChanged(JsonNode live, JsonNode recorded) {
    valuesVersion++;
    if (!redactedSome && !JsonEquality.same(live, recorded)) {
      redactedSome = true;
    }
  }

  /**
   * Writes the record unless a write that started after this change already covered it; first the sealed values,
   * when the record redacts some, so a record never claims a step whose values a resume could not find.
   */
  private void changed() {
    synchronized (this) {
      version++;
    }
    synchronized (writeLock) {
      RunRecord snapshot;
      JsonNode values = null;
      long covers;
      long valuesCover;
      synchronized (this) {
        if (written >= version) {
          return;
        }
        covers = version;
        snapshot = record();
        valuesCover = valuesVersion;
        if (sealed != null && redactedSome && sealedVersion < valuesVersion) {
          values = liveValues();
        }
      }
      if (values != null) {
        sealed.write(id, values);
        sealedVersion = valuesCover;
      }
      store.save(snapshot);
      written = covers;
    }
  }

  /**
   * The values a resume reads ({@link SealedRunValues}): inputs, and what succeeded, as it was; and a succeeded
   * run's outputs, for its caller.
   */
  private ObjectNode liveValues() {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    values.set("inputs", workflow.inputs());
    if (outputs != null) {
      values.set("outputs", outputs);
    }
    ObjectNode stepValues = values.putObject("steps");
    for (StepState step : steps) {
      JsonNode live = step.liveValues();
      if (live != null) {
        stepValues.set(step.id, live);
      }
    }
    return values;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
