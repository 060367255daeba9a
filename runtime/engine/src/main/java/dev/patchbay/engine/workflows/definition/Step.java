package dev.patchbay.engine.workflows.definition;

import dev.patchbay.engine.workflows.RetryPolicy;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A step of a workflow as written. In a file with schema problems, members that were missing or of the wrong type
 * are null; such a workflow never runs.
 *
 * @param index position in the workflow, from 0
 * @param pointer JSON pointer of the step in the file
 * @param activity {@code connector/operation}
 * @param connection the step's own connection name, or null
 * @param input the input as written (an object, or a whole-value expression), or null for none
 * @param when a boolean or an expression, or null (always runs)
 * @param forEach an array or an expression, or null for a plain step
 * @param retry the step's own retry policy, or null
 */
public record Step(
    int index,
    String pointer,
    String id,
    String activity,
    String connection,
    JsonNode input,
    JsonNode when,
    JsonNode forEach,
    int parallelism,
    RetryPolicy retry,
    OnError onError) {

  public boolean isForEach() {
    return forEach != null;
  }

  public String connectorId() {
    return activity.substring(0, activity.indexOf('/'));
  }

  public String operationId() {
    return activity.substring(activity.indexOf('/') + 1);
  }

  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retry);
  }
}
