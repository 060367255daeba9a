package dev.patchbay.engine.workflows;

import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A finished run (or resumed run).
 *
 * @param record what the run did, as saved at {@code recordLocation} (secrets redacted)
 * @param outputs the workflow's outputs as they resolved, unredacted, once the run succeeded (else null): for the
 *     caller who asked for them (a join link must work); records and logs keep the redacted form
 */
public record WorkflowRun(RunRecord record, String recordLocation, JsonNode outputs) {

  /** The record as its caller sees it: with the outputs it asked for as they are. */
  public RunRecord recordForCaller() {
    return outputs == null ? record : record.withOutputs(outputs);
  }

  public String id() {
    return record.id();
  }

  public RunStatus status() {
    return record.status();
  }

  public boolean succeeded() {
    return record.status() == RunStatus.SUCCEEDED;
  }

  /** The step whose failure ended the run, with its error. */
  public Optional<StepRecord> failedStep() {
    return Optional.ofNullable(record.failedStep()).flatMap(record::step);
  }
}
