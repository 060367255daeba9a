package dev.patchbay.engine.workflows;

import dev.patchbay.api.Progress;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * One call of an activity by a workflow step: for a plain step one per attempt, for a {@code forEach} step one per
 * element and attempt.
 *
 * @param runId the run this call belongs to
 * @param stepId the step's id in the workflow file
 * @param itemIndex the forEach element's index, empty for a plain step
 * @param connectionName the connection to run with, already checked to exist, be active, and hold the scopes
 * @param input the input with every expression resolved (not yet validated against the operation's schema: the
 *     runner does that)
 * @param attempt 1 for the first attempt, counting up when the step's {@link #retry} makes another
 * @param retry the step's own retry policy; present when the workflow retries this step itself, in which case the
 *     runner should not retry on its own
 * @param progress where long-running work reports how far it has come
 */
public record StepInvocation(
    String runId,
    String stepId,
    OptionalInt itemIndex,
    String connectorId,
    String operationId,
    String connectionName,
    JsonNode input,
    int attempt,
    Optional<RetryPolicy> retry,
    Progress progress) {

  /** {@code connector/operation}, as the workflow file writes it. */
  public String activity() {
    return connectorId + "/" + operationId;
  }
}
