package dev.patchbay.engine.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Events waiting for a worker, at most {@code capacity}: a full queue refuses rather than grows, so a flood is
 * answered with "later" instead of exhausting memory.
 */
final class EventQueue {

  /** A queued event; kept as such so a stop can say which events never started. */
  private record Job(ReceivedEvent event, Consumer<ReceivedEvent> process) implements Runnable {
    @Override
    public void run() {
      process.accept(event);
    }
  }

  private final ThreadPoolExecutor workers;
  private final Consumer<ReceivedEvent> process;

  EventQueue(int capacity, int workerCount, Consumer<ReceivedEvent> process) {
    this.process = process;
    this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(capacity), new WorkerThreads(), new ThreadPoolExecutor.AbortPolicy());
  }

  /** False when the queue is full or stopped. */
  boolean offer(ReceivedEvent event) {
    try {
      workers.execute(new Job(event, process));
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /**
   * Takes no more events and gives those queued and running {@code grace} to finish; then interrupts what still
   * runs.
   *
   * @return the events that never started
   */
  List<ReceivedEvent> stop(Duration grace) throws InterruptedException {
    workers.shutdown();
    if (workers.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
      return List.of();
    }
    List<ReceivedEvent> unstarted = new ArrayList<>();
    for (Runnable job : workers.shutdownNow()) {
      unstarted.add(((Job) job).event());
    }
    return unstarted;
  }

  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "patchbay-webhook-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
