package dev.patchbay.api;

import tools.jackson.databind.JsonNode;

/**
 * One operation of a connector. The runtime has already validated the input against the operation's input schema
 * and checked the connection's scopes; it validates the returned output against the output schema.
 */
@FunctionalInterface
public interface Activity {

  /**
   * Runs the operation.
   *
   * @return the output, a JSON object matching the operation's output schema, of JSON values only: an output holding
   *     a Java object (a POJO node) is refused, since the host would keep its class cached long after the plugin
   *     was unloaded
   * @throws ConnectorException with the error code that tells a workflow what went wrong
   */
  JsonNode execute(ActivityContext context) throws ConnectorException;
}
