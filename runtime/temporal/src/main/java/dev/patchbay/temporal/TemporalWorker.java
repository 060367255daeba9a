package dev.patchbay.temporal;

import dev.patchbay.engine.activities.Activities;
import dev.patchbay.temporal.activity.RunnerStepActivities;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.temporal.records.StoreRecordActivities;
import dev.patchbay.temporal.workflow.PatchbayWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * A Patchbay worker: polls a task queue for Patchbay workflows (interpreted by {@link PatchbayWorkflowImpl}) and
 * their step activities, which it runs with this process's runtime: its plugins, its connections (the store it was
 * started with) and its rate limits. Any number of workers may poll one queue.
 */
public final class TemporalWorker implements AutoCloseable {

  /**
   * How long a workflow task may hold its thread before Temporal calls it a deadlock: above Temporal's 1 s, since
   * binding a workflow file and evaluating its expressions in a JVM still warming up, on a busy machine, can take
   * that long without anything being stuck.
   */
  private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(10);

  /** Temporal's default: runs kept in memory between their workflow tasks. */
  public static final int DEFAULT_CACHED_RUNS = 600;

  private final WorkerFactory factory;
  private final RunnerStepActivities activities;

  private TemporalWorker(WorkerFactory factory, RunnerStepActivities activities) {
    this.factory = factory;
    this.activities = activities;
  }

  /**
   * Starts polling.
   *
   * @param activities the runtime's activities ({@code runtime.activities()})
   * @param records where the runs this worker drives get their records ({@code workflows().records()}), so
   *     {@code patchbay runs} and {@code GET /api/runs} show them
   * @param concurrency step activities this worker runs at once
   * @param cachedRuns runs kept in memory between their workflow tasks, each sticky to this worker while cached
   *     (Temporal moves it elsewhere when the worker is gone); 0 keeps none and asks for no sticky queue, so every
   *     workflow task goes to any worker, as a Temporal service without sticky queue timeouts (the Java test
   *     server) needs
   */
  public static TemporalWorker start(WorkflowClient client, String taskQueue, Activities activities,
      RunRecords records, int concurrency, int cachedRuns) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(cachedRuns).build());
    WorkerOptions.Builder options = WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(concurrency)
        .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis());
    if (cachedRuns == 0) {
      // No sticky queue either: the SDK asks for one whatever the cache size, and a service that never times it out
      // would leave a dead worker's next workflow task there for good.
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    Worker worker = factory.newWorker(taskQueue, options.build());
    PatchbayWorkflowImpl.warmUp();
    RunnerStepActivities steps = register(worker, activities, records);
    factory.start();
    return new TemporalWorker(factory, steps);
  }

  /**
   * Registers Patchbay's workflow type, its step activities and its run-record writes on a worker (also one of a
   * test environment).
   */
  public static RunnerStepActivities register(Worker worker, Activities activities, RunRecords records) {
    worker.registerWorkflowImplementationTypes(PatchbayWorkflowImpl.class);
    RunnerStepActivities steps = new RunnerStepActivities(activities, records);
    worker.registerActivitiesImplementations(steps, new StoreRecordActivities(records));
    return steps;
  }

  /** Blocks until the worker has stopped (after {@link #close()} from another thread, or a shutdown hook). */
  public void awaitStop() throws InterruptedException {
    factory.awaitTermination(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
  }

  /** Stops polling and lets running steps finish. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    activities.close();
  }
}
