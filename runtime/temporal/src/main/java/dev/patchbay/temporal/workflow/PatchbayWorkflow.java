package dev.patchbay.temporal.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one Temporal workflow type of Patchbay: it interprets a Patchbay workflow file (given whole in the
 * {@link RunRequest}) with the local engine's semantics, each step's activity a Temporal activity.
 */
@WorkflowInterface
public interface PatchbayWorkflow {

  /** The Temporal workflow type name. */
  String TYPE = "PatchbayWorkflow";

  /** @return the finished run's record as JSON (the engine's run record format) */
  @WorkflowMethod(name = TYPE)
  String run(RunRequest request);

  /** The name of the {@link #record()} query. */
  String RECORD_QUERY = "record";

  /** The run's record as it stands, as JSON; null before the run has read its request. */
  @QueryMethod(name = RECORD_QUERY)
  String record();
}
