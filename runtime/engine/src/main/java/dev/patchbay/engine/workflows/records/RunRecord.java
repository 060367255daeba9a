package dev.patchbay.engine.workflows.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a run did, as written to {@code RUN_ID.json} in the runs folder after every change. Secrets are redacted:
 * values of inputs declared {@code secret: true} wherever they flowed, values under credential-like keys
 * ({@code password}, {@code token}, ...), bearer tokens and JWTs, and credential query parameters of URLs.
 *
 * @param id sortable by start time: {@code yyyyMMdd-HHmmss-xxxx} (UTC)
 * @param workflowFile the workflow file's absolute path
 * @param workflowSha256 the file's content hash when the run started (or was last resumed)
 * @param resumedAt when the run was resumed, oldest first
 * @param inputs the resolved inputs (defaults applied)
 * @param connectionOverrides the {@code connector -> connection} overrides the run was started with
 * @param outputs the workflow's resolved outputs, once the run succeeded
 * @param failedStep the step whose failure ended the run, when one did
 * @param error why the run failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
    String id,
    String workflowName,
    String workflowFile,
    String workflowSha256,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    List<Instant> resumedAt,
    JsonNode inputs,
    Map<String, String> connectionOverrides,
    List<StepRecord> steps,
    JsonNode outputs,
    String failedStep,
    ErrorRecord error) {

  /** What a redacted value, or the redacted part of a string, reads as in a record. */
  public static final String REDACTED = "[redacted]";

  public RunRecord {
    resumedAt = resumedAt == null ? List.of() : List.copyOf(resumedAt);
    connectionOverrides = connectionOverrides == null ? Map.of() : Map.copyOf(connectionOverrides);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public Optional<StepRecord> step(String stepId) {
    return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
  }

  /** The same record with other outputs: the unredacted ones, for the caller of the run only. */
  public RunRecord withOutputs(JsonNode newOutputs) {
    return new RunRecord(id, workflowName, workflowFile, workflowSha256, status, startedAt, endedAt, resumedAt,
        inputs, connectionOverrides, steps, newOutputs, failedStep, error);
  }

  /** The same record with another status: how a read reports a run no process holds any more. */
  public RunRecord withStatus(RunStatus newStatus) {
    return new RunRecord(id, workflowName, workflowFile, workflowSha256, newStatus, startedAt, endedAt, resumedAt,
        inputs, connectionOverrides, steps, outputs, failedStep, error);
  }
}
