package dev.patchbay.temporal.workflow;

import java.util.List;
import java.util.Map;

/**
 * Everything a run needs, fixed when it starts and kept in Temporal's history, so that every replay of the run sees
 * the same: the workflow file as checked, its resolved inputs, and the connection of each step.
 *
 * @param runId the run's id, also its Temporal workflow id
 * @param workflowFile where the file was read from, for the record
 * @param workflowSha256 the file's content hash
 * @param definition the file's content as a JSON document (a YAML file too)
 * @param inputs the resolved inputs as a JSON object (defaults applied when the run was started)
 * @param connections the connection each step runs with, by step id
 * @param connectionOverrides the {@code connector -> connection} overrides the run was started with
 * @param notIdempotent the ids of steps whose operation is not idempotent: one attempt each, unless the provider's
 *     answer proves it did nothing
 * @param stepTimeoutSeconds each step activity's deadline (Temporal's start-to-close timeout)
 * @param heartbeatTimeoutSeconds how long a running step may go without a heartbeat before Temporal gives it to
 *     another worker
 */
public record RunRequest(
    String runId,
    String workflowName,
    String workflowFile,
    String workflowSha256,
    String definition,
    String inputs,
    Map<String, String> connections,
    Map<String, String> connectionOverrides,
    List<String> notIdempotent,
    long stepTimeoutSeconds,
    long heartbeatTimeoutSeconds) {}
