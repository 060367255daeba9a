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
import dev.patchbay.engine.workflows.RunInterruptedException;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workflows registered on an event, one after the other, each with the event's body as its input
 * {@code event} and, for the event's connector, the connection acting in the event's account (the way Nango routes
 * a webhook to a connection): the one the workflow names, which then runs only on its own account's events, or else
 * the only one there. What could not run is said in the event's outcome, never dropped in silence.
 */
public final class TriggerDispatch implements EventHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TriggerDispatch.class);

  private final PatchbayRuntime runtime;
  private final TriggerWorkflows triggers;
  private final TriggerStarter starter;

  /** Runs the workflows in this process. */
  public TriggerDispatch(PatchbayRuntime runtime, TriggerWorkflows triggers) {
    this(runtime, triggers, TriggerStarter.local(runtime));
  }

  /** Starts the workflows' runs with {@code starter} (on Temporal, for a server started with it). */
  public TriggerDispatch(PatchbayRuntime runtime, TriggerWorkflows triggers, TriggerStarter starter) {
    this.runtime = runtime;
    this.triggers = triggers;
    this.starter = starter;
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
    List<String> otherAccounts = new ArrayList<>();
    int withoutConnection = 0;
    for (TriggerWorkflow workflow : workflows) {
      String name = workflow.file().getFileName().toString();
      Map<String, String> overrides = Map.of();
      if (workflow.usesEventConnector()) {
        try {
          inAccount = inAccount != null ? inAccount : connectionsIn(connectorId, accountId);
        } catch (ConnectorException e) {
          failures.add(name + ": the connections cannot be read: " + e.getMessage());
          continue;
        }
        if (inAccount.isEmpty()) {
          withoutConnection++;
          failures.add(name + ": " + noConnection);
          continue;
        }
        Optional<Connection> connection = choose(workflow, inAccount);
        if (connection.isEmpty() && workflow.namedConnection() != null) {
          // A workflow tied to one connection acts in that connection's account only.
          otherAccounts.add(name + " runs with connection '" + workflow.namedConnection() + "', which does not act "
              + "in account " + accountId);
          continue;
        }
        if (connection.isEmpty()) {
          failures.add(name + ": connections " + inAccount.stream().map(Connection::name)
              .collect(Collectors.joining(", ")) + " all act in account " + accountId + "; name the one to use "
              + "under connections: in the workflow");
          continue;
        }
        overrides = Map.of(connectorId, connection.get().name());
      }
      try {
        runIds.add(starter.start(workflow, received,
            Map.of("event", Json.MAPPER.writeValueAsString(received.event().body())), overrides));
      } catch (WorkflowProblems e) {
        failures.add(name + ": " + e.problems().stream().map(WorkflowProblem::message)
            .collect(Collectors.joining("; ")));
      } catch (ConnectorException e) {
        failures.add(name + ": " + e.getMessage());
      } catch (RunInterruptedException e) {
        // The server is stopping: what ran so far is kept, the rest is reported as not processed.
        Thread.currentThread().interrupt();
        runIds.add(e.runId());
        return new EventOutcome(EventStatus.NOT_PROCESSED, "the server stopped while " + name + " ran; its run "
            + e.runId() + " can be resumed", runIds);
      } catch (RuntimeException e) {
        LOG.warn("trigger workflow {} failed on event {}", name, received.id(), e);
        failures.add(name + ": failed: " + e.getMessage());
      }
    }
    if (runIds.isEmpty() && failures.isEmpty()) {
      return EventOutcome.of(EventStatus.NO_TRIGGER, String.join("; ", otherAccounts));
    }
    if (runIds.isEmpty() && withoutConnection == failures.size()) {
      return EventOutcome.of(EventStatus.NO_CONNECTION, noConnection);
    }
    List<String> reasons = new ArrayList<>(failures);
    reasons.addAll(otherAccounts);
    String reason = reasons.isEmpty() ? null : String.join("; ", reasons);
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

  /** The connection the workflow names if it acts in the account; for one that names none, the only one that does. */
  private static Optional<Connection> choose(TriggerWorkflow workflow, List<Connection> inAccount) {
    if (workflow.namedConnection() != null) {
      return inAccount.stream().filter(connection -> connection.name().equals(workflow.namedConnection()))
          .findFirst();
    }
    return inAccount.size() == 1 ? Optional.of(inAccount.get(0)) : Optional.empty();
  }
}
