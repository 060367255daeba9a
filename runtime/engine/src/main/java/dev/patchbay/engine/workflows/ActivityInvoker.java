package dev.patchbay.engine.workflows;

import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;

/**
 * Runs one activity for a workflow step: the seam between the workflow engine and the activity runner (input
 * validation, connection, rate limits, the plugin). Called from several threads at once for a {@code forEach} step
 * with parallelism above 1.
 */
@FunctionalInterface
public interface ActivityInvoker {

  /**
   * @return the activity's output
   * @throws ConnectorException the activity failed; its {@link ConnectorException#code() code} decides whether the
   *     step is retried and is what the step's {@code onError} and the run record see
   */
  JsonNode invoke(StepInvocation invocation) throws ConnectorException;
}
