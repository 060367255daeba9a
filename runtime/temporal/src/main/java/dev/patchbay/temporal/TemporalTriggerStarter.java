package dev.patchbay.temporal;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.triggers.TriggerStarter;
import dev.patchbay.engine.triggers.TriggerWorkflow;
import dev.patchbay.engine.webhooks.ReceivedEvent;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.temporal.workflow.RunRequest;
import java.util.Map;

/**
 * Starts a server's trigger workflows on Temporal ({@code patchbay serve --temporal}), as the workflow whose id is
 * the delivery's key (and the workflow file's name, since several workflows may run on one event): a delivery the
 * provider repeats, or that reaches two replicas whose inboxes do not know of each other, starts one run.
 */
public final class TemporalTriggerStarter implements TriggerStarter {

  private final PatchbayRuntime runtime;
  private final TemporalRuns runs;

  public TemporalTriggerStarter(PatchbayRuntime runtime, TemporalRuns runs) {
    this.runtime = runtime;
    this.runs = runs;
  }

  /** @return the id of the run this delivery started, here or on another replica */
  @Override
  public String start(TriggerWorkflow workflow, ReceivedEvent event, Map<String, String> inputs,
      Map<String, String> connectionOverrides) throws WorkflowProblems, ConnectorException {
    RunRequest request = runs.prepare(runtime, workflow.file(), inputs, connectionOverrides, TemporalRuns.newRunId());
    String workflowId = workflowId(workflow, event);
    return runs.start(request, workflowId) ? request.runId() : runs.runIdOf(workflowId);
  }

  /** The Temporal workflow id of a trigger workflow's run on one delivery. */
  public static String workflowId(TriggerWorkflow workflow, ReceivedEvent event) {
    return "patchbay-event " + event.connectorId() + " " + event.event().deliveryKey() + " "
        + workflow.file().getFileName();
  }
}
