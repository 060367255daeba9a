package dev.patchbay.engine.workflows.runs;

import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One change of the record of a run another engine drives, numbered in its run by that engine
 * ({@link RunRecords#saveDrivenElsewhere}). Numbers grow with every change the engine makes, whichever process writes
 * it, so the number stored with a record says which changes it holds, in every process.
 *
 * @param runId the run
 * @param sequence the change's number in its run, from 1
 * @param apply the record the stored one (empty before the first change) becomes with this change
 */
public record DrivenChange(String runId, long sequence, Function<Optional<RunRecord>, RunRecord> apply) {

  public DrivenChange {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(apply, "apply");
    if (sequence < 1) {
      throw new IllegalArgumentException("a change's number starts at 1: " + sequence);
    }
  }

  /**
   * The record to save over {@code stored}, which holds the changes up to {@code storedSequence} (0: none); empty when
   * this change must not land: the stored record holds it or a later one, or has ended while this change says
   * RUNNING.
   */
  public Optional<RunRecord> over(Optional<RunRecord> stored, long storedSequence) {
    if (storedSequence >= sequence) {
      return Optional.empty();
    }
    RunRecord next = apply.apply(stored);
    if (stored.isPresent() && stored.get().status() != RunStatus.RUNNING && next.status() == RunStatus.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(next);
  }
}
