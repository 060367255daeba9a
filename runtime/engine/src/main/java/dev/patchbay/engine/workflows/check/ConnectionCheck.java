package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.definition.SourceDocument;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every step has a connection that exists, belongs to the step's connector, is active, and was granted every scope
 * of at least one of the scope sets the step's operation accepts. A step's own {@code connection} wins over the
 * run's {@code --connection connector=NAME}, which wins over the file's {@code connections}.
 */
final class ConnectionCheck {

  private final Workflow workflow;
  private final WorkflowEnvironment environment;
  private final Map<String, String> overrides;
  private final Problems problems;

  ConnectionCheck(Workflow workflow, WorkflowEnvironment environment, Map<String, String> overrides,
      Problems problems) {
    this.workflow = workflow;
    this.environment = environment;
    this.overrides = overrides;
    this.problems = problems;
  }

  /**
   * The connection name of every step that has a usable one, by step id.
   *
   * @param chosenLater a connector whose steps' connection is chosen when the run starts (the event's connector of a
   *     trigger workflow); its steps are not checked here, or null
   */
  Map<String, String> check(Map<Integer, OperationDefinition> operations, String chosenLater) {
    overrides.keySet().stream()
        .filter(connector -> workflow.steps().stream()
            .noneMatch(step -> step.activity() != null && step.connectorId().equals(connector)))
        .sorted()
        .forEach(connector -> problems.given("--connection " + connector + "=" + overrides.get(connector)
            + ": no step of the workflow uses connector '" + connector + "'"));
    Map<String, String> names = new HashMap<>();
    Map<String, Optional<Connection>> lookedUp = new HashMap<>();
    for (Step step : workflow.steps()) {
      OperationDefinition operation = operations.get(step.index());
      if (operation == null || step.id() == null || step.connectorId().equals(chosenLater)) {
        continue;
      }
      Source source = source(step);
      if (source == null) {
        problems.at(step.pointer() + "/activity", "no connection for connector '" + step.connectorId()
            + "': add connections: {" + step.connectorId() + ": NAME} to the workflow, or run with --connection "
            + step.connectorId() + "=NAME");
        continue;
      }
      Connection connection = lookedUp.computeIfAbsent(source.name(), environment::connection).orElse(null);
      if (usable(connection, source, step) && granted(connection, operation, step)) {
        names.put(step.id(), source.name());
      }
    }
    return names;
  }

  private boolean usable(Connection connection, Source source, Step step) {
    if (connection == null) {
      report(source, environment.missingConnection(source.name()));
      return false;
    }
    if (!connection.connectorId().equals(step.connectorId())) {
      report(source, "connection '" + source.name() + "' is for connector '" + connection.connectorId()
          + "', not '" + step.connectorId() + "'");
      return false;
    }
    if (connection.status() != ConnectionStatus.ACTIVE) {
      report(source, "connection '" + source.name() + "' must be reconnected"
          + (connection.statusReason() == null ? "" : ": " + connection.statusReason()));
      return false;
    }
    return true;
  }

  private boolean granted(Connection connection, OperationDefinition operation, Step step) {
    List<List<String>> alternatives = operation.requiredScopes();
    if (alternatives.isEmpty() || !environment.scopesKnown(connection)
        || alternatives.stream().anyMatch(set -> connection.grantedScopes().containsAll(set))) {
      return true;
    }
    problems.at(step.pointer() + "/activity", "connection '" + connection.name() + "' lacks the scopes "
        + step.activity() + " needs: " + (alternatives.size() > 1 ? "one of " : "")
        + alternatives.stream().map(set -> String.join(" + ", set)).collect(Collectors.joining(", or "))
        + "; reconnect it granting them");
    return false;
  }

  private void report(Source source, String message) {
    if (source.pointer() == null) {
      problems.given("--connection " + source.connector() + "=" + source.name() + ": " + message);
    } else {
      problems.at(source.pointer(), message);
    }
  }

  private Source source(Step step) {
    if (step.connection() != null) {
      return new Source(step.connectorId(), step.connection(), step.pointer() + "/connection");
    }
    String override = overrides.get(step.connectorId());
    if (override != null) {
      return new Source(step.connectorId(), override, null);
    }
    String configured = workflow.connections().get(step.connectorId());
    return configured == null ? null : new Source(step.connectorId(), configured,
        "/connections" + SourceDocument.segment(step.connectorId()));
  }

  /** Where a step's connection name came from: a pointer into the file, or null for the run's override. */
  private record Source(String connector, String name, String pointer) {}
}
