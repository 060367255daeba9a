package dev.patchbay.temporal.records;

import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed in a Temporal run's record since its last write: the run's own fields whole, and only the steps and
 * {@code forEach} elements that changed, so what Temporal's history keeps for a run grows with its changes, not with
 * their number times the record's size.
 *
 * @param run the run's fields, without steps
 * @param steps the steps that changed; the first change of a run holds every step
 * @param sequence the change's number in its run, from 1: a write Temporal gave up on (its workflow task moved on
 *     while the store was out of reach) may still arrive after later ones, and must not undo them
 */
public record RecordChange(RunRecord run, List<StepChange> steps, int sequence) {

  /**
   * One step that changed.
   *
   * @param index its position in the workflow
   * @param step its fields, without elements
   * @param itemCount the elements of a {@code forEach} step once planned, else null
   * @param items the elements that changed (all of them when they were planned)
   */
  public record StepChange(int index, StepRecord step, Integer itemCount, List<ItemRecord> items) {}

  /** The record {@code stored} becomes with this change; a run not stored yet starts from this change alone. */
  public RunRecord applyTo(Optional<RunRecord> stored) {
    List<StepRecord> merged = new ArrayList<>(stored.map(RunRecord::steps).orElse(List.of()));
    for (StepChange change : steps) {
      while (merged.size() <= change.index()) {
        merged.add(null);
      }
      StepRecord before = merged.get(change.index());
      merged.set(change.index(), withItems(change.step(), change.itemCount() == null ? null
          : items(before == null || before.items() == null ? List.of() : before.items(), change)));
    }
    if (merged.contains(null)) {
      throw new IllegalStateException("run " + run.id() + ": a change names steps its record has not got");
    }
    return new RunRecord(run.id(), run.workflowName(), run.workflowFile(), run.workflowSha256(), run.status(),
        run.startedAt(), run.endedAt(), run.resumedAt(), run.inputs(), run.connectionOverrides(), merged,
        run.outputs(), run.failedStep(), run.error());
  }

  private static List<ItemRecord> items(List<ItemRecord> before, StepChange change) {
    List<ItemRecord> merged = new ArrayList<>(before.subList(0, Math.min(before.size(), change.itemCount())));
    while (merged.size() < change.itemCount()) {
      merged.add(null);
    }
    change.items().forEach(item -> merged.set(item.index(), item));
    if (merged.contains(null)) {
      throw new IllegalStateException("step " + change.step().id() + ": a change names elements its record has "
          + "not got");
    }
    return merged;
  }

  private static StepRecord withItems(StepRecord step, List<ItemRecord> items) {
    return new StepRecord(step.id(), step.activity(), step.connection(), step.status(), step.attempts(),
        step.startedAt(), step.endedAt(), step.input(), step.output(), step.error(), step.note(), items);
  }
}
