package dev.patchbay.engine.workflows;

import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.WebhookDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What the pre-flight check looks workflows up in: the connectors' operations and the user's connections. */
public interface WorkflowEnvironment {

  /** Whether a connector with this id is loaded (to tell an unknown connector from an unknown operation). */
  boolean hasConnector(String connectorId);

  Optional<OperationDefinition> operation(String connectorId, String operationId);

  /** The ids of a loaded connector's operations (for "did you mean" on a mistyped one); empty for another. */
  List<String> operationIds(String connectorId);

  Optional<Connection> connection(String name);

  /** The problem to report for a connection {@link #connection} did not find. */
  default String missingConnection(String name) {
    return "no connection named '" + name + "' (see patchbay connections list)";
  }

  /** The names of the webhook events a connector receives; empty when it receives none. */
  List<String> webhookEvents(String connectorId);

  /**
   * Whether the provider reports the scopes of the connection's auth type, so the pre-flight can check them; when
   * it does not (declared unknown, a pasted key), the provider decides at the call.
   */
  default boolean scopesKnown(Connection connection) {
    return true;
  }

  /** The environment of a running Patchbay: its catalog, and connections looked up by name. */
  static WorkflowEnvironment of(Catalog catalog, Function<String, Optional<Connection>> connections) {
    return of(catalog, connections, name -> Optional.empty());
  }

  /**
   * The same, with {@code whyMissing} saying, when it knows, why a connection was not found (it is encrypted with
   * another master key, say) instead of the plain "no connection named".
   */
  static WorkflowEnvironment of(Catalog catalog, Function<String, Optional<Connection>> connections,
      Function<String, Optional<String>> whyMissing) {
    return new WorkflowEnvironment() {
      @Override
      public String missingConnection(String name) {
        return whyMissing.apply(name).orElseGet(() -> WorkflowEnvironment.super.missingConnection(name));
      }

      @Override
      public boolean hasConnector(String connectorId) {
        return catalog.connector(connectorId).isPresent();
      }

      @Override
      public Optional<OperationDefinition> operation(String connectorId, String operationId) {
        return catalog.connector(connectorId).flatMap(entry -> entry.definition().operation(operationId));
      }

      @Override
      public List<String> operationIds(String connectorId) {
        return catalog.connector(connectorId).map(entry -> entry.definition().operations().stream()
            .map(OperationDefinition::id).toList()).orElse(List.of());
      }

      @Override
      public Optional<Connection> connection(String name) {
        return connections.apply(name);
      }

      @Override
      public boolean scopesKnown(Connection connection) {
        return catalog.connector(connection.connectorId())
            .flatMap(entry -> entry.definition().authType(connection.authTypeId()))
            .map(authType -> !authType.scopesUnknown()).orElse(true);
      }

      @Override
      public List<String> webhookEvents(String connectorId) {
        return catalog.connector(connectorId).map(entry -> entry.definition().webhooks())
            .map(WebhookDefinition::eventNames).orElse(List.of());
      }
    };
  }
}
