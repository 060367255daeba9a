package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a run as it goes: the live output later expressions read, and the redacted forms for the record. A
 * step reused from a record reads its live values from the run's sealed values, or, for a run that kept none, the
 * redacted forms. Guarded by the {@link RunJournal}.
 */
final class StepState {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String id;
  final String activity;
  String connection;
  StepStatus status = StepStatus.PENDING;
  int attempts;
  Instant startedAt;
  Instant endedAt;
  JsonNode recordedInput;
  JsonNode output;
  JsonNode recordedOutput;
  ErrorRecord error;
  String note;
  /** The elements of a {@code forEach} step once its array is known; null before, and for a plain step. */
  List<ItemState> items;

  StepState(String id, String activity) {
    this.id = id;
    this.activity = activity;
  }

  /** @param live the step's sealed values ({@code {output, items}}), a missing node when there are none */
  static StepState fromRecord(StepRecord record, JsonNode live) {
    StepState state = new StepState(record.id(), record.activity());
    state.connection = record.connection();
    state.status = record.status();
    state.attempts = record.attempts();
    state.startedAt = record.startedAt();
    state.endedAt = record.endedAt();
    state.recordedInput = record.input();
    state.output = live.has("output") ? live.get("output") : record.output();
    state.recordedOutput = record.output();
    state.error = record.error();
    state.note = record.note();
    if (record.items() != null) {
      state.items = new ArrayList<>(record.items().stream()
          .map(item -> ItemState.fromRecord(item, live.path("items").path(String.valueOf(item.index()))))
          .toList());
    }
    return state;
  }

  /** Whether live values differ from what the record shows (something was redacted). */
  boolean holdsSealedValues() {
    return !JsonEquality.same(output, recordedOutput)
        || items != null && items.stream().anyMatch(ItemState::holdsSealedValues);
  }

  /** What a resume needs of this step, as it is ({@link SealedRunValues}); null when it has nothing yet. */
  JsonNode liveValues() {
    ObjectNode live = NODES.objectNode();
    if (status == StepStatus.SUCCEEDED && output != null) {
      live.set("output", output);
    }
    if (items != null) {
      ObjectNode itemValues = NODES.objectNode();
      for (ItemState item : items) {
        if (item.status == StepStatus.SUCCEEDED) {
          itemValues.set(String.valueOf(item.index), item.liveValues());
        }
      }
      if (!itemValues.isEmpty()) {
        live.set("items", itemValues);
      }
    }
    return live.isEmpty() ? null : live;
  }

  /** Back to not started, keeping the elements of an earlier run for reuse. */
  void restart(String connectionName, Instant now) {
    connection = connectionName;
    status = StepStatus.RUNNING;
    attempts = 0;
    startedAt = now;
    endedAt = null;
    recordedInput = null;
    output = null;
    recordedOutput = null;
    error = null;
    note = null;
  }

  /** A forEach step's output: the element outputs in element order, null where an element did not succeed. */
  void collectItemOutputs() {
    ArrayNode live = NODES.arrayNode();
    ArrayNode recorded = NODES.arrayNode();
    for (ItemState item : items) {
      boolean succeeded = item.status == StepStatus.SUCCEEDED;
      live.add(succeeded && item.output != null ? item.output : NODES.nullNode());
      recorded.add(succeeded && item.recordedOutput != null ? item.recordedOutput : NODES.nullNode());
    }
    output = live;
    recordedOutput = recorded;
  }

  StepRecord toRecord() {
    return new StepRecord(id, activity, connection, status, attempts, startedAt, endedAt, recordedInput,
        recordedOutput, error, note, items == null ? null : items.stream().map(ItemState::toRecord).toList());
  }

  /** What {@code steps.ID} reads: status, output, error, and items for a forEach step. */
  ObjectNode view(boolean forEach) {
    ObjectNode view = NODES.objectNode();
    view.put("status", status.name());
    view.set("output", output);
    view.set("error", errorView(error));
    if (forEach) {
      ArrayNode elements = NODES.arrayNode();
      if (items != null) {
        items.forEach(item -> elements.add(item.view()));
      }
      view.set("items", elements);
    }
    return view;
  }

  static JsonNode errorView(ErrorRecord error) {
    return error == null ? NODES.nullNode() : error.view();
  }
}
