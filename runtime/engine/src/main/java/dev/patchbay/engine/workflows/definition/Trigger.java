package dev.patchbay.engine.workflows.definition;

/**
 * What a workflow runs on: a provider event received by the server, {@code zoom/recording.completed}.
 *
 * @param connectorId the connector that receives the event
 * @param event the provider's event name
 */
public record Trigger(String connectorId, String event) {

  /** {@code connector/event}, as the workflow file writes it. */
  @Override
  public String toString() {
    return connectorId + "/" + event;
  }
}
