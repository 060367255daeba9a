package dev.patchbay.engine.workflows.execution;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.workflows.ActivityInvoker;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.workflows.RetryPolicy;
import dev.patchbay.engine.workflows.RunInterruptedException;
import dev.patchbay.engine.workflows.StepInvocation;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Invokes an activity for a step, once, or as often as the step's own retry policy allows for errors worth
 * retrying. Without a policy the runner's own retries are all there is.
 */
final class Attempts {

  /** What a later attempt can cure: the provider asking to slow down, failing, or not answering in time. */
  private static final Set<ErrorCode> RETRYABLE = EnumSet.of(ErrorCode.RATE_LIMITED, ErrorCode.UPSTREAM_ERROR,
      ErrorCode.TIMEOUT);

  private final ActivityInvoker invoker;
  private final Sleeper sleeper;

  Attempts(ActivityInvoker invoker, Sleeper sleeper) {
    this.invoker = invoker;
    this.sleeper = sleeper;
  }

  /**
   * @param invocation the invocation for an attempt number
   * @param attemptStarted called before each attempt, so the record counts it even if the process dies during it
   * @throws ConnectorException the last attempt's failure; a runner bug (a runtime exception) arrives as
   *     {@link ErrorCode#PLUGIN_ERROR}
   */
  JsonNode invoke(IntFunction<StepInvocation> invocation, Optional<RetryPolicy> retry, Runnable attemptStarted,
      String runId) throws ConnectorException {
    int maxAttempts = retry.map(RetryPolicy::maxAttempts).orElse(1);
    for (int attempt = 1; ; attempt++) {
      attemptStarted.run();
      try {
        return invoker.invoke(invocation.apply(attempt));
      } catch (ConnectorException e) {
        if (attempt >= maxAttempts || !RETRYABLE.contains(e.code())) {
          throw e;
        }
      } catch (RuntimeException e) {
        throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the activity failed unexpectedly: "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
      }
      try {
        sleeper.sleep(retry.orElseThrow().waitBefore(attempt + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunInterruptedException(runId);
      }
    }
  }
}
