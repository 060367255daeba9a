package dev.patchbay.engine;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.activities.ActivityCall;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityRunner;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.workflows.ActivityFailedException;
import dev.patchbay.engine.workflows.ActivityInvoker;
import dev.patchbay.engine.workflows.StepInvocation;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Workflow steps run by the activity runner, with the runtime's connections. */
final class RunnerInvoker implements ActivityInvoker {

  /** Long enough for a step that downloads large recordings; the deadline is for hung calls, not slow ones. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

  private final ActivityRunner runner;
  private final Connections connections;

  RunnerInvoker(ActivityRunner runner, Connections connections) {
    this.runner = runner;
    this.connections = connections;
  }

  @Override
  public JsonNode invoke(StepInvocation invocation) throws ConnectorException {
    Connection connection = connections.get(invocation.connectionName());
    try {
      return runner.run(new ActivityCall(invocation.connectorId(), invocation.operationId(), connection,
          connections.tokens(connection), invocation.input(), invocation.progress(), STEP_TIMEOUT, null)).output();
    } catch (ActivityException e) {
      throw new ActivityFailedException(e.error());
    }
  }
}
