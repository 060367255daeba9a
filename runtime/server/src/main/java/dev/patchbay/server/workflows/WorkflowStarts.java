package dev.patchbay.server.workflows;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.server.SandboxConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the API and the console share about starting a workflow of the folder. */
public final class WorkflowStarts {

  /** A run id as run records have them; anything else names no run. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  private WorkflowStarts() {}

  /** The connectors the workflow's steps use, by id; none for a workflow that could not be read. */
  public static Set<String> connectorsUsed(Workflow workflow) {
    Set<String> connectors = new TreeSet<>();
    if (workflow != null) {
      for (Step step : workflow.steps()) {
        if (step.activity() != null && step.activity().indexOf('/') > 0) {
          connectors.add(step.connectorId());
        }
      }
    }
    return connectors;
  }

  /** The connections asked for, and the sandbox's for the connectors a sandbox serves that none was asked for. */
  public static Map<String, String> withSandboxConnections(PatchbayRuntime runtime, Workflow workflow,
      Map<String, String> asked) {
    Map<String, String> connections = new LinkedHashMap<>(asked);
    for (String connectorId : connectorsUsed(workflow)) {
      SandboxConnection.forConnector(runtime, connectorId).ifPresent(name -> connections.putIfAbsent(connectorId,
          name));
    }
    return connections;
  }
}
