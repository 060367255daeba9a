package dev.patchbay.temporal.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The one Temporal activity type of Patchbay: a workflow step's connector activity, run through the worker's
 * activity runner (input validation, connection and scopes, rate limits, the plugin's isolation) with a single
 * request attempt, since Temporal retries the whole activity.
 */
@ActivityInterface
public interface StepActivities {

  /** The Temporal activity type name. */
  String TYPE = "PatchbayStep";

  /**
   * @throws io.temporal.failure.ApplicationFailure typed with the Patchbay error code ({@code RATE_LIMITED}, ...),
   *     retryable only when another attempt may cure it
   */
  @ActivityMethod(name = TYPE)
  StepResult run(StepTask task);
}
