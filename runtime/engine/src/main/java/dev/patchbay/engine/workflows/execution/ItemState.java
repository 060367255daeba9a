package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One element of a running {@code forEach} step. Holds the live values expressions read and their redacted forms
 * for the record; an element reused from a record has only the redacted forms, for both. Guarded by the
 * {@link RunJournal}.
 */
final class ItemState {

  final int index;
  final JsonNode item;
  final JsonNode recordedItem;
  StepStatus status = StepStatus.PENDING;
  int attempts;
  Instant startedAt;
  Instant endedAt;
  JsonNode recordedInput;
  JsonNode output;
  JsonNode recordedOutput;
  ErrorRecord error;

  ItemState(int index, JsonNode item, JsonNode recordedItem) {
    this.index = index;
    this.item = item;
    this.recordedItem = recordedItem;
  }

  /** @param live the element's sealed values ({@code {item, output}}), a missing node when there are none */
  static ItemState fromRecord(ItemRecord record, JsonNode live) {
    ItemState state = new ItemState(record.index(), live.has("item") ? live.get("item") : record.item(),
        record.item());
    state.status = record.status();
    state.attempts = record.attempts();
    state.startedAt = record.startedAt();
    state.endedAt = record.endedAt();
    state.recordedInput = record.input();
    state.output = live.has("output") ? live.get("output") : record.output();
    state.recordedOutput = record.output();
    state.error = record.error();
    return state;
  }

  boolean holdsSealedValues() {
    return !JsonEquality.same(item, recordedItem) || !JsonEquality.same(output, recordedOutput);
  }

  /** What a resume needs of this element, as it is. */
  ObjectNode liveValues() {
    ObjectNode live = JsonNodeFactory.instance.objectNode();
    live.set("item", item);
    if (output != null) {
      live.set("output", output);
    }
    return live;
  }

  ItemRecord toRecord() {
    return new ItemRecord(index, recordedItem, status, attempts, startedAt, endedAt, recordedInput, recordedOutput,
        error);
  }

  /** What {@code steps.ID.items[i]} reads. */
  ObjectNode view() {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.put("index", index);
    view.set("item", item);
    view.put("status", status.name());
    view.set("output", output);
    view.set("error", StepState.errorView(error));
    return view;
  }
}
