package dev.patchbay.temporal.workflow;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.RetryPolicy;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.temporal.activity.StepActivities;
import dev.patchbay.temporal.activity.StepFailure;
import dev.patchbay.temporal.activity.StepResult;
import dev.patchbay.temporal.activity.StepTask;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Calls a step's activity through Temporal, with the step's retry mapped onto Temporal's, never stacked on it: the
 * runner sends each request once.
 *
 * <ul>
 *   <li>An idempotent step: Temporal retries it ({@code retry}'s attempts and doubling backoff, or without one the
 *       runner's own defaults: 4 attempts from 0.5 s, at most 20 s apart) for the errors a later attempt can cure,
 *       and always when its worker stopped heartbeating: another worker takes it.
 *   <li>A step that is not idempotent: one attempt on Temporal. Only a failure proving it did nothing (the
 *       provider's {@code RATE_LIMITED}, or a request that never left: no connection could be opened) lets the
 *       workflow invoke it again, after {@code Retry-After} or the backoff, within the step's attempts and its
 *       deadline, as the runner's own retries do; a worker lost while it ran fails the step with {@code TIMEOUT},
 *       since the request may have reached the provider.
 * </ul>
 */
final class StepCalls {

  /** What a later attempt of a step with its own {@code retry} can cure, as in the local engine. */
  private static final Set<ErrorCode> STEP_RETRYABLE = EnumSet.of(ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_ERROR,
      ErrorCode.TIMEOUT);
  /** What the runner's own retries cure when a step declares none. */
  private static final Set<ErrorCode> RUNNER_RETRYABLE = EnumSet.of(ErrorCode.RATE_LIMITED,
      ErrorCode.UPSTREAM_ERROR);
  private static final RetryPolicy RUNNER_DEFAULT = new RetryPolicy(4, Duration.ofMillis(500));
  private static final Duration RUNNER_MAX_WAIT = Duration.ofSeconds(20);
  /** The runner's own deadline answers first, with its reason, before Temporal's timeout. */
  private static final Duration TIMEOUT_MARGIN = Duration.ofMinutes(1);

  private final RunRequest request;

  /** The change that invokes a step again after a request that never left, within the step's deadline. */
  private static final String NOT_SENT_AGAIN = "not-sent-again-within-deadline";

  StepCalls(RunRequest request) {
    this.request = request;
  }

  /** What one invocation of a step's activity came to: its output, or its error, and the attempts it took. */
  record Outcome(JsonNode output, ErrorRecord error, int attempts) {
    boolean failed() {
      return error != null;
    }
  }

  Outcome call(Step step, StepTask task) {
    boolean idempotent = !request.notIdempotent().contains(step.id());
    StepActivities activities = Workflow.newActivityStub(StepActivities.class, options(step, idempotent));
    RetryPolicy retry = step.retryPolicy().orElse(RUNNER_DEFAULT);
    long deadline = Workflow.currentTimeMillis() + Duration.ofSeconds(task.timeoutSeconds()).toMillis();
    StepTask next = task;
    while (true) {
      try {
        StepResult result = activities.run(next);
        return new Outcome(Json.MAPPER.readTree(result.output()), null, next.earlierAttempts() + result.attempt());
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof CanceledFailure canceled) {
          throw canceled;
        }
        Failed failed = failed(failure, step, idempotent);
        int attempts = next.earlierAttempts() + failed.attempt;
        Duration backoff = retry.waitBefore(attempts + 1);
        Duration wait = failed.retryAfter != null && failed.retryAfter.compareTo(backoff) > 0 ? failed.retryAfter
            : backoff;
        long left = deadline - Workflow.currentTimeMillis() - wait.toMillis();
        // Runs whose histories were written before requests that never left were invoked again replay as they ran:
        // again only after RATE_LIMITED, with the step's whole timeout.
        boolean withinDeadline = !idempotent
            && Workflow.getVersion(NOT_SENT_AGAIN, Workflow.DEFAULT_VERSION, 1) == 1;
        boolean again = !idempotent && (withinDeadline ? failed.provesNothingHappened() && left >= 1000
            : failed.code == ErrorCode.RATE_LIMITED);
        if (!again || attempts >= retry.maxAttempts()) {
          return new Outcome(null, RunState.error(failed.code, failed.message, failed.details), attempts);
        }
        Workflow.sleep(wait);
        next = next.again(withinDeadline ? left / 1000 : next.timeoutSeconds());
      }
    }
  }

  private ActivityOptions options(Step step, boolean idempotent) {
    RetryOptions.Builder retry = RetryOptions.newBuilder().setBackoffCoefficient(2);
    if (!idempotent) {
      retry.setMaximumAttempts(1);
    } else {
      RetryPolicy policy = step.retryPolicy().orElse(RUNNER_DEFAULT);
      Duration first = policy.backoff().isZero() ? Duration.ofMillis(1) : policy.backoff();
      Set<ErrorCode> retryable = step.retryPolicy().isPresent() ? STEP_RETRYABLE : RUNNER_RETRYABLE;
      retry.setMaximumAttempts(policy.maxAttempts())
          .setInitialInterval(first)
          .setMaximumInterval(step.retryPolicy().isPresent() ? policy.waitBefore(Math.max(2, policy.maxAttempts()))
              .plus(Duration.ofMillis(1)) : RUNNER_MAX_WAIT)
          .setDoNotRetry(Arrays.stream(ErrorCode.values()).filter(code -> !retryable.contains(code))
              .map(ErrorCode::name).toArray(String[]::new));
    }
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(request.stepTimeoutSeconds()).plus(TIMEOUT_MARGIN))
        .setHeartbeatTimeout(Duration.ofSeconds(request.heartbeatTimeoutSeconds()))
        .setRetryOptions(retry.build())
        .build();
  }

  /** A failure as the record tells it. */
  private record Failed(ErrorCode code, String message, int attempt, Duration retryAfter,
      Map<String, Object> details) {

    /** The provider refused it ({@code RATE_LIMITED}), or it never left (no connection could be opened). */
    boolean provesNothingHappened() {
      return code == ErrorCode.RATE_LIMITED || Boolean.TRUE.equals(details.get(ActivityError.NOT_SENT));
    }
  }

  private static Failed failed(ActivityFailure failure, Step step, boolean idempotent) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      ErrorCode code = Arrays.stream(ErrorCode.values()).filter(known -> known.name().equals(application.getType()))
          .findFirst().orElse(ErrorCode.PLUGIN_ERROR);
      StepFailure stepFailure = application.getDetails() != null && application.getDetails().getSize() > 0
          ? application.getDetails().get(StepFailure.class) : new StepFailure(1, Map.of());
      String message = code.name().equals(application.getType()) ? application.getOriginalMessage()
          : "the worker failed unexpectedly: " + application.getType() + ": " + application.getOriginalMessage();
      return new Failed(code, message, stepFailure.attempt(), application.getNextRetryDelay(),
          stepFailure.details());
    }
    if (cause instanceof TimeoutFailure timeout) {
      String lost = "no worker finished " + step.activity() + " in time (Temporal's " + timeout.getTimeoutType()
          .name().toLowerCase(java.util.Locale.ROOT).replace("timeout_type_", "").replace('_', '-')
          + " timeout: the worker running it stopped or hung)";
      return new Failed(ErrorCode.TIMEOUT, idempotent ? lost + "." : lost + "; " + step.activity()
          + " is not idempotent, so it was not sent again: check whether it took effect before running it again.",
          1, null, Map.of());
    }
    return new Failed(ErrorCode.PLUGIN_ERROR, "the step's activity failed: " + failure.getMessage(), 1, null,
        Map.of());
  }
}
