package dev.patchbay.engine.triggers;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.webhooks.EventHandler;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.ReceivedEvent;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.WorkflowRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the workflows registered on an event, one after the other, each with the event's body as its input
 * {@code event} and, for the event's connector, the connection acting in the event's account (the way Nango routes
 * a webhook to a connection). What could not run is said in the event's outcome, never dropped in silence.
 */
public final class TriggerDispatch implements EventHandler {

  private final PatchbayRuntime runtime;
  private final TriggerWorkflows triggers;

  public TriggerDispatch(PatchbayRuntime runtime, TriggerWorkflows triggers) {
    this.runtime = runtime;
    this.triggers = triggers;
  }

  @Override
  public EventOutcome handle(ReceivedEvent received) {
    String connectorId = received.connectorId();
    String type = received.event().type();
    List<TriggerWorkflow> workflows = triggers.on(connectorId, type);
    if (workflows.isEmpty()) {
      return EventOutcome.of(EventStatus.NO_TRIGGER, "no workflow runs on " + connectorId + "/" + type);
    }
    String accountId = received.event().accountId();
    String noConnection = "no active " + connectorId + " connection acts in account " + accountId + "; connect one "
        + "(patchbay connections add " + connectorId + ") or reconnect it";
    List<Connection> inAccount = null;
    List<String> runIds = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int withoutConnection = 0;
    for (TriggerWorkflow workflow : workflows) {
      String name = workflow.file().getFileName().toString();
      Map<String, String> overrides = Map.of();
      if (workflow.usesEventConnector()) {
        try {
          inAccount = inAccount != null ? inAccount : connectionsIn(connectorId, accountId);
        } catch (ConnectorException e) {
          return EventOutcome.of(EventStatus.FAILED, "the connections cannot be read: " + e.getMessage());
        }
        if (inAccount.isEmpty()) {
          withoutConnection++;
          failures.add(name + ": " + noConnection);
          continue;
        }
        Optional<Connection> connection = choose(workflow, inAccount);
        if (connection.isEmpty()) {
          failures.add(name + ": connections " + inAccount.stream().map(Connection::name)
              .collect(Collectors.joining(", ")) + " all act in account " + accountId + "; name the one to use "
              + "under connections: in the workflow");
          continue;
        }
        overrides = Map.of(connectorId, connection.get().name());
      }
      try {
        WorkflowRun run = runtime.workflows().run(workflow.file(),
            Map.of("event", Json.MAPPER.writeValueAsString(received.event().body())), overrides, RunListener.NONE);
        runIds.add(run.id());
      } catch (WorkflowProblems e) {
        failures.add(name + ": " + e.problems().stream().map(WorkflowProblem::message)
            .collect(Collectors.joining("; ")));
      } catch (ConnectorException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    if (runIds.isEmpty() && withoutConnection == failures.size()) {
      return EventOutcome.of(EventStatus.NO_CONNECTION, noConnection);
    }
    String reason = failures.isEmpty() ? null : String.join("; ", failures);
    return new EventOutcome(runIds.isEmpty() ? EventStatus.FAILED : EventStatus.PROCESSED, reason, runIds);
  }

  /** The active connections of the connector that act in the account. */
  private List<Connection> connectionsIn(String connectorId, String accountId) throws ConnectorException {
    return runtime.connections().list().connections().stream().map(StoredConnection::connection)
        .filter(connection -> connection.connectorId().equals(connectorId)
            && connection.status() == ConnectionStatus.ACTIVE && connection.identity() != null
            && accountId.equals(connection.identity().accountId()))
        .toList();
  }

  /** The only connection in the account, else the one the workflow names if it is among them. */
  private static Optional<Connection> choose(TriggerWorkflow workflow, List<Connection> inAccount) {
    if (inAccount.size() == 1) {
      return Optional.of(inAccount.get(0));
    }
    return inAccount.stream().filter(connection -> connection.name().equals(workflow.namedConnection()))
        .findFirst();
  }
}
