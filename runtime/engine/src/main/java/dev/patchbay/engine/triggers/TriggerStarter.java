package dev.patchbay.engine.triggers;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.webhooks.ReceivedEvent;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowProblems;
import java.util.Map;

/**
 * Starts the run of a workflow registered on an event: by default in this process, to its end
 * ({@link #local(PatchbayRuntime)}); a server on Temporal starts it there instead, once per delivery.
 */
@FunctionalInterface
public interface TriggerStarter {

  /**
   * @param inputs the workflow's inputs ({@code event}: the event's body as JSON)
   * @param connectionOverrides the connection of the event's connector, when the workflow uses it
   * @return the run's id
   * @throws dev.patchbay.engine.workflows.RunInterruptedException the process is stopping while it runs here
   */
  String start(TriggerWorkflow workflow, ReceivedEvent event, Map<String, String> inputs,
      Map<String, String> connectionOverrides) throws WorkflowProblems, ConnectorException;

  /** Runs the workflow here, to its end. */
  static TriggerStarter local(PatchbayRuntime runtime) {
    return (workflow, event, inputs, connectionOverrides) -> runtime.workflows().run(workflow.file(), inputs,
        connectionOverrides, RunListener.NONE).id();
  }
}
