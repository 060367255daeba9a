package dev.patchbay.engine.workflows;

import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A finished run (or resumed run).
 *
 * @param record what the run did, as written to {@code recordFile}
 */
public record WorkflowRun(RunRecord record, Path recordFile) {

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
