package dev.patchbay.temporal.workflow;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.execution.Redactor;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import dev.patchbay.temporal.records.RecordChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Temporal run as it goes, kept in the workflow's memory (Temporal's history makes it durable): what later
 * expressions read ({@code steps.ID}) and the run record the {@code record} query and the result give, in the
 * engine's run record format. It also keeps what changed since the record was last written
 * ({@link #takeChange()}). Only the workflow's threads touch it.
 */
final class RunState {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Runs under Temporal take no secret inputs; what the redactor still takes out is credential-like. */
  private static final Redactor REDACTOR = new Redactor(Set.of());

  private final RunRequest request;
  private final String workflowName;
  private final JsonNode inputs;
  private final Clock clock;
  private final Instant startedAt;
  private final List<StepEntry> steps = new ArrayList<>();
  private RunStatus status = RunStatus.RUNNING;
  private Instant endedAt;
  private JsonNode outputs;
  private String failedStep;
  private ErrorRecord error;
  /** Steps changed since the last {@link #takeChange()}, each with its changed elements; every step at first. */
  private final Map<Integer, Set<Integer>> changed = new TreeMap<>();
  private boolean runChanged = true;

  RunState(RunRequest request, String workflowName, JsonNode inputs, List<Step> steps, Clock clock) {
    this.request = request;
    this.workflowName = workflowName;
    this.inputs = inputs;
    this.clock = clock;
    this.startedAt = clock.instant();
    for (Step step : steps) {
      changed.put(this.steps.size(), new TreeSet<>());
      this.steps.add(new StepEntry(step.id(), step.activity()));
    }
  }

  /** Changes taken so far: the number of the next one, less one. */
  private int changesTaken;

  /** Whether the record changed since it was last taken. */
  boolean hasChanges() {
    return runChanged || !changed.isEmpty();
  }

  /** What changed since the last call, to be written ({@link RecordChange}); the state then counts as written. */
  RecordChange takeChange() {
    List<RecordChange.StepChange> stepChanges = new ArrayList<>();
    changed.forEach((index, items) -> {
      StepEntry step = steps.get(index);
      stepChanges.add(new RecordChange.StepChange(index, step.toRecord(false),
          step.items == null ? null : step.items.size(),
          items.stream().map(item -> step.items.get(item).toRecord()).toList()));
    });
    changed.clear();
    runChanged = false;
    RunRecord run = record();
    return new RecordChange(new RunRecord(run.id(), run.workflowName(), run.workflowFile(), run.workflowSha256(),
        run.status(), run.startedAt(), run.endedAt(), run.resumedAt(), run.inputs(), run.connectionOverrides(),
        List.of(), run.outputs(), run.failedStep(), run.error()), stepChanges, ++changesTaken);
  }

  /** Everything counts as changed: the next change is the whole record (after a write that was lost). */
  void allChanged() {
    runChanged = true;
    for (int index = 0; index < steps.size(); index++) {
      StepEntry step = steps.get(index);
      Set<Integer> items = changed.computeIfAbsent(index, any -> new TreeSet<>());
      if (step.items != null) {
        step.items.forEach(item -> items.add(item.index));
      }
    }
  }

  private StepEntry changedStep(int index) {
    changed.computeIfAbsent(index, any -> new TreeSet<>());
    return steps.get(index);
  }

  private ItemEntry changedItem(int index, int item) {
    changed.computeIfAbsent(index, any -> new TreeSet<>()).add(item);
    return steps.get(index).items.get(item);
  }

  JsonNode inputs() {
    return inputs;
  }

  /** What {@code steps} reads in expressions of step {@code index}: the steps before it. */
  ObjectNode stepsBefore(int index) {
    ObjectNode view = NODES.objectNode();
    for (int i = 0; i < index; i++) {
      StepEntry step = steps.get(i);
      view.set(step.id, step.view());
    }
    return view;
  }

  void stepStarted(int index, String connection) {
    StepEntry step = changedStep(index);
    step.status = StepStatus.RUNNING;
    step.connection = connection;
    step.startedAt = clock.instant();
  }

  void stepInput(int index, JsonNode input) {
    changedStep(index).input = input;
  }

  void stepAttempts(int index, int attempts) {
    changedStep(index).attempts = attempts;
  }

  void stepSucceeded(int index, JsonNode output) {
    StepEntry step = changedStep(index);
    step.status = StepStatus.SUCCEEDED;
    step.output = output;
    step.endedAt = clock.instant();
  }

  void stepSkipped(int index, String note) {
    StepEntry step = changedStep(index);
    step.status = StepStatus.SKIPPED;
    step.note = note;
    step.endedAt = clock.instant();
  }

  void stepFailed(int index, StepStatus status, ErrorRecord error, String note) {
    StepEntry step = changedStep(index);
    if (step.items != null) {
      step.output = step.itemOutputs();
    }
    step.status = status;
    step.error = error;
    step.note = note;
    step.endedAt = clock.instant();
  }

  void itemsPlanned(int index, List<JsonNode> items) {
    StepEntry step = changedStep(index);
    step.items = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      step.items.add(new ItemEntry(i, items.get(i)));
      changed.get(index).add(i);
    }
  }

  void itemStarted(int index, int item) {
    ItemEntry entry = changedItem(index, item);
    entry.status = StepStatus.RUNNING;
    entry.startedAt = clock.instant();
  }

  void itemInput(int index, int item, JsonNode input) {
    changedItem(index, item).input = input;
  }

  void itemFinished(int index, int item, StepStatus status, JsonNode output, ErrorRecord error, int attempts) {
    ItemEntry entry = changedItem(index, item);
    entry.status = status;
    entry.output = output;
    entry.error = error;
    entry.attempts = attempts;
    entry.endedAt = clock.instant();
  }

  /** The failed elements of a forEach step, in element order. */
  List<ItemRecord> failedItems(int index) {
    return steps.get(index).items.stream().filter(item -> item.status == StepStatus.FAILED)
        .map(ItemEntry::toRecord).toList();
  }

  /** A forEach step whose elements all succeeded or were skipped: its output is the element outputs, in order. */
  void forEachSucceeded(int index) {
    stepSucceeded(index, steps.get(index).itemOutputs());
  }

  void runSucceeded(JsonNode outputs) {
    this.outputs = outputs;
    finish(RunStatus.SUCCEEDED);
  }

  void runFailed(String stepId, ErrorRecord error) {
    this.failedStep = stepId;
    this.error = error;
    finish(RunStatus.FAILED);
  }

  /** Cancelled on Temporal: steps under way stay as they were when it was. */
  void runCancelled() {
    finish(RunStatus.CANCELLED);
  }

  private void finish(RunStatus finalStatus) {
    runChanged = true;
    status = finalStatus;
    endedAt = clock.instant();
  }

  static ErrorRecord error(ErrorCode code, String message) {
    return new ErrorRecord(code, REDACTOR.redact(message));
  }

  /** An activity's failure, with its error's details, redacted as the local engine's journal does. */
  static ErrorRecord error(ErrorCode code, String message, Map<String, Object> details) {
    return new ErrorRecord(code, REDACTOR.redact(message), REDACTOR.redact(Json.MAPPER.valueToTree(details)));
  }

  /** A forEach step's failure: its first failed element's ({@code first}), in {@code message}'s words. */
  static ErrorRecord error(ErrorRecord first, String message) {
    return new ErrorRecord(first.code(), REDACTOR.redact(message), first.details());
  }

  RunRecord record() {
    return new RunRecord(request.runId(), workflowName, request.workflowFile(), request.workflowSha256(), status,
        startedAt, endedAt, List.of(), REDACTOR.redact(inputs), request.connectionOverrides(),
        steps.stream().map(step -> step.toRecord(true)).toList(), REDACTOR.redact(outputs), failedStep, error);
  }

  private static JsonNode errorView(ErrorRecord error) {
    return error == null ? NODES.nullNode() : error.view();
  }

  /** One step: its live values (expressions read these) and, redacted, its record. */
  private static final class StepEntry {
    final String id;
    final String activity;
    String connection;
    StepStatus status = StepStatus.PENDING;
    int attempts;
    Instant startedAt;
    Instant endedAt;
    JsonNode input;
    JsonNode output;
    ErrorRecord error;
    String note;
    List<ItemEntry> items;

    StepEntry(String id, String activity) {
      this.id = id;
      this.activity = activity;
    }

    /** A forEach step's output: the element outputs in element order, null where an element did not succeed. */
    ArrayNode itemOutputs() {
      ArrayNode outputs = NODES.arrayNode();
      items.forEach(item -> outputs.add(item.status == StepStatus.SUCCEEDED && item.output != null
          ? item.output : NODES.nullNode()));
      return outputs;
    }

    ObjectNode view() {
      ObjectNode view = NODES.objectNode();
      view.put("status", status.name());
      view.set("output", output);
      view.set("error", errorView(error));
      if (items != null) {
        ArrayNode elements = NODES.arrayNode();
        items.forEach(item -> elements.add(item.view()));
        view.set("items", elements);
      }
      return view;
    }

    /** @param withItems whether to give the elements, or leave them to a {@link RecordChange.StepChange} */
    StepRecord toRecord(boolean withItems) {
      return new StepRecord(id, activity, connection, status, attempts, startedAt, endedAt, REDACTOR.redact(input),
          REDACTOR.redact(output), error, note, withItems && items != null ? items.stream().map(ItemEntry::toRecord)
              .toList() : null);
    }
  }

  /** One element of a forEach step. */
  private static final class ItemEntry {
    final int index;
    final JsonNode item;
    StepStatus status = StepStatus.PENDING;
    int attempts;
    Instant startedAt;
    Instant endedAt;
    JsonNode input;
    JsonNode output;
    ErrorRecord error;

    ItemEntry(int index, JsonNode item) {
      this.index = index;
      this.item = item;
    }

    ObjectNode view() {
      ObjectNode view = NODES.objectNode();
      view.put("index", index);
      view.set("item", item);
      view.put("status", status.name());
      view.set("output", output);
      view.set("error", errorView(error));
      return view;
    }

    ItemRecord toRecord() {
      return new ItemRecord(index, REDACTOR.redact(item), status, attempts, startedAt, endedAt,
          REDACTOR.redact(input), REDACTOR.redact(output), error);
    }
  }
}
