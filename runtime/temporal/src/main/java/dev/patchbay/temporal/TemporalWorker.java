package dev.patchbay.temporal;

import dev.patchbay.engine.activities.Activities;
import dev.patchbay.temporal.activity.RunnerStepActivities;
import dev.patchbay.temporal.workflow.PatchbayWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/**
 * A Patchbay worker: polls a task queue for Patchbay workflows (interpreted by {@link PatchbayWorkflowImpl}) and
 * their step activities, which it runs with this process's runtime: its plugins, its connections (the store it was
 * started with) and its rate limits. Any number of workers may poll one queue.
 */
public final class TemporalWorker implements AutoCloseable {

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
   * @param concurrency step activities this worker runs at once
   */
  public static TemporalWorker start(WorkflowClient client, String taskQueue, Activities activities,
      int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(concurrency)
        .build());
    RunnerStepActivities steps = register(worker, activities);
    factory.start();
    return new TemporalWorker(factory, steps);
  }

  /** Registers Patchbay's workflow type and step activities on a worker (also one of a test environment). */
  public static RunnerStepActivities register(Worker worker, Activities activities) {
    worker.registerWorkflowImplementationTypes(PatchbayWorkflowImpl.class);
    RunnerStepActivities steps = new RunnerStepActivities(activities);
    worker.registerActivitiesImplementations(steps);
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
