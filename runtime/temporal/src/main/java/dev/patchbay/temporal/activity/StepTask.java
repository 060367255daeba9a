package dev.patchbay.temporal.activity;

/**
 * One invocation of a step's activity, as it travels through Temporal's history.
 *
 * @param itemIndex the {@code forEach} element, or -1 for a plain step
 * @param input the resolved input as JSON text
 * @param timeoutSeconds the activity's deadline inside the runner
 * @param earlierAttempts invocations of this same step element the workflow made before this one (each failed with
 *     an answer proving it did nothing); Temporal's own retries are counted by Temporal
 */
public record StepTask(
    String runId,
    String stepId,
    int itemIndex,
    String connectorId,
    String operationId,
    String connectionName,
    String input,
    long timeoutSeconds,
    int earlierAttempts) {

  /** {@code connector/operation}. */
  public String activity() {
    return connectorId + "/" + operationId;
  }

  /** The same invocation, made again by the workflow with what is left of the step's deadline. */
  public StepTask again(long secondsLeft) {
    return new StepTask(runId, stepId, itemIndex, connectorId, operationId, connectionName, input, secondsLeft,
        earlierAttempts + 1);
  }
}
