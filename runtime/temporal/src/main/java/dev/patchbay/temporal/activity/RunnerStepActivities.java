package dev.patchbay.temporal.activity;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.activities.RequestAttempts;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.runs.RunRecords;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step's activity on this worker through the runtime's activity runner, sending each request once: Temporal
 * retries the whole activity, on this worker or another. While it runs, it heartbeats (with the latest progress) at
 * a third of the heartbeat timeout, so a worker that dies is noticed within that timeout and the step goes to
 * another worker; a heartbeat that tells the run is gone interrupts the call. A call the runtime's store failed (a
 * database out of reach: no connection, token or rate-limit permit to be had, so nothing was sent) runs again once
 * the store answers, within the same attempt and its deadline, heartbeating meanwhile: an outage of the store delays
 * the step instead of failing it or using up its retries. A failed attempt whose requests were all answered (or never
 * left) says so in its last heartbeat, so that only a retry after a lost answer takes the provider's "already done"
 * as done, as the runner's own retries do.
 */
public final class RunnerStepActivities implements StepActivities, AutoCloseable {

  /** The shortest interval between heartbeats, whatever the timeout. */
  private static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);
  /** How often a step waiting for the store asks it again. */
  private static final Duration STORE_POLL = Duration.ofSeconds(1);
  /**
   * Runs again after a store failure while the store answered at once each time: it was coming back, or the failure
   * is one it gives whatever the moment (a read-only database), which then fails the step.
   */
  private static final int RERUNS_WHILE_ANSWERING = 3;
  private static final Logger LOG = LoggerFactory.getLogger(RunnerStepActivities.class);

  private final Activities activities;
  private final StoreOutages outages;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "patchbay-heartbeats");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param activities the runtime's activities
   * @param records the runtime's run records: where its store is, and a way to ask whether it answers
   */
  public RunnerStepActivities(Activities activities, RunRecords records) {
    this.activities = Objects.requireNonNull(activities, "activities");
    this.outages = new StoreOutages(records, STORE_POLL);
  }

  @Override
  public StepResult run(StepTask task) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    int attempt = context.getInfo().getAttempt();
    // Read before this attempt's own first heartbeat, after which the context gives that one instead.
    boolean afterLostAnswer = afterLostAnswer(context);
    AtomicReference<StepProgress> latest = new AtomicReference<>(new StepProgress(task.stepId(), task.itemIndex(),
        0, -1, ""));
    Thread caller = Thread.currentThread();
    Duration timeout = context.getInfo().getHeartbeatTimeout();
    Duration every = timeout.isZero() ? Duration.ofSeconds(10) : timeout.dividedBy(3);
    every = every.compareTo(MIN_HEARTBEAT) < 0 ? MIN_HEARTBEAT : every;
    // Said before any request leaves, so an earlier attempt's "nothing in doubt" does not outlive this attempt
    // should it be lost with its worker before a periodic heartbeat went out.
    context.heartbeat(latest.get());
    Heartbeats beat = new Heartbeats(context, latest);
    beat.periodic = heartbeats.scheduleAtFixedRate(() -> {
      try {
        beat.send();
      } catch (ActivityCompletionException gone) {
        // The run was cancelled, or this attempt timed out and runs elsewhere: stop the call.
        caller.interrupt();
        throw gone;
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    Progress progress = (done, total, what) -> latest.set(new StepProgress(task.stepId(), task.itemIndex(), done,
        total, what));
    long deadline = System.nanoTime() + Duration.ofSeconds(task.timeoutSeconds()).toNanos();
    int answeringAtOnce = 0;
    boolean rerun = false;
    try {
      while (true) {
        try {
          // A rerun after the store came back may follow a run that had sent requests (their answers came), whose
          // work it repeats: a provider's "already done" then proves the earlier run did it.
          ActivityResult result = activities.run(task.activity(), task.connectionName(),
              Json.MAPPER.readTree(task.input()), progress, Duration.ofNanos(deadline - System.nanoTime()),
              RequestAttempts.single(afterLostAnswer || rerun));
          return new StepResult(Json.MAPPER.writeValueAsString(result.output()), attempt);
        } catch (ActivityException e) {
          if (!StoreOutages.causedBy(e)) {
            if (!afterLostAnswer && nothingInDoubt(e)) {
              beat.last(latest.get().leavingNothingInDoubt());
            }
            throw failure(e, attempt, context.getInfo().getRetryOptions());
          }
          LOG.warn("step {} of run {} (element {}): {}; it runs again once the store answers", task.stepId(),
              task.runId(), task.itemIndex(), e.getMessage());
          progress.report(0, -1, "waiting for the store");
          StoreOutages.Wait waited = outages.awaitStore(deadline);
          answeringAtOnce = waited == StoreOutages.Wait.ANSWERING ? answeringAtOnce + 1 : 0;
          if (waited == StoreOutages.Wait.GONE || answeringAtOnce > RERUNS_WHILE_ANSWERING
              || System.nanoTime() >= deadline) {
            if (!afterLostAnswer) {
              beat.last(latest.get().leavingNothingInDoubt());
            }
            throw failure(e, attempt, context.getInfo().getRetryOptions());
          }
          rerun = true;
        }
      }
    } catch (InterruptedException e) {
      throw ApplicationFailure.newFailure("the step was stopped while it waited for the store",
          ErrorCode.TIMEOUT.name(), new StepFailure(attempt, Map.of()));
    } finally {
      beat.stop();
      Thread.interrupted();
    }
  }

  /**
   * Whether an earlier attempt may have reached the provider without its answer coming back: it did not say, as it
   * failed, that it left nothing in doubt (it was lost with its worker, or its request went out and no answer came).
   * A provider's "already done" answer (the operation's {@code doneWhenRetried}, a DELETE's 404) then proves that
   * attempt did the work; after an answered failure (a 503) it is the failure it says.
   */
  private static boolean afterLostAnswer(ActivityExecutionContext context) {
    return context.getInfo().getAttempt() > 1 && !context.getHeartbeatDetails(StepProgress.class)
        .map(StepProgress::nothingInDoubt).orElse(false);
  }

  /** Whether the provider answered the failed request, or it never left: either way nothing is in doubt. */
  private static boolean nothingInDoubt(ActivityException e) {
    Map<String, Object> details = e.error().details();
    return details.containsKey(ActivityError.HTTP_STATUS) || Boolean.TRUE.equals(details.get(ActivityError.NOT_SENT));
  }

  /**
   * An attempt's heartbeats: the periodic ones and a last word, which Temporal keeps with the attempt's failure for
   * the next attempt. One lock orders them, so a periodic heartbeat that read the progress before the last word was
   * set cannot send it after.
   */
  private static final class Heartbeats {
    private final ActivityExecutionContext context;
    private final AtomicReference<StepProgress> latest;
    private final Object lock = new Object();
    private boolean finished;
    volatile ScheduledFuture<?> periodic;

    Heartbeats(ActivityExecutionContext context, AtomicReference<StepProgress> latest) {
      this.context = context;
      this.latest = latest;
    }

    void send() {
      synchronized (lock) {
        if (!finished) {
          context.heartbeat(latest.get());
        }
      }
    }

    /** Makes {@code last} the attempt's last heartbeat; none is sent after it. */
    void last(StepProgress last) {
      synchronized (lock) {
        finished = true;
        latest.set(last);
        try {
          context.heartbeat(last);
        } catch (ActivityCompletionException gone) {
          // The run was cancelled or the attempt timed out: no next attempt reads it.
        }
      }
      stop();
    }

    void stop() {
      ScheduledFuture<?> scheduled = periodic;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }

  /**
   * The Patchbay error as Temporal's failure: typed with the error code, carrying the attempt. A provider's
   * {@code Retry-After} longer than the step's own backoff delays the next attempt; a shorter one never shortens it.
   */
  static ApplicationFailure failure(ActivityException e, int attempt, RetryOptions retry) {
    ActivityError error = e.error();
    ApplicationFailure failure = ApplicationFailure.newFailure(e.getMessage(), error.code().name(),
        new StepFailure(attempt, error.details()));
    if (error.details().get(ActivityError.RETRY_AFTER) instanceof Number seconds && retry != null
        && retry.getInitialInterval() != null) {
      Duration asked = Duration.ofSeconds(seconds.longValue());
      Duration backoff = Duration.ofMillis((long) (retry.getInitialInterval().toMillis()
          * Math.pow(retry.getBackoffCoefficient(), attempt - 1)));
      if (retry.getMaximumInterval() != null && backoff.compareTo(retry.getMaximumInterval()) > 0) {
        backoff = retry.getMaximumInterval();
      }
      if (asked.compareTo(backoff) > 0) {
        failure.setNextRetryDelay(asked);
      }
    }
    return failure;
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }
}
