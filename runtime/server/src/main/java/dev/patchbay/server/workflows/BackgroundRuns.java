package dev.patchbay.server.workflows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow runs the server starts and resumes in the background, through the engine's public workflow API: the
 * caller gets the run's id as soon as the run has passed its checks and started (or every problem that kept it from
 * starting), and follows it in its run record, which the engine keeps up to date; {@link #progress} adds what only
 * the running process knows (the step under way, bytes and items done). Closing interrupts what still runs after the
 * grace: those runs are recorded INTERRUPTED and can be resumed.
 */
public final class BackgroundRuns {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);
  /** How long a start waits for the checks; they read the workflow and look at plugins, never the network. */
  private static final Duration START_WAIT = Duration.ofMinutes(1);

  /** What a run under way is doing, as its listener last heard. */
  public record Progress(int stepNumber, int stepCount, String stepId, int itemsDone, int itemCount, long done,
      long total, String what) {}

  private final PatchbayRuntime runtime;
  private final ExecutorService threads;
  private final Map<String, LiveRun> running = new ConcurrentHashMap<>();

  public BackgroundRuns(PatchbayRuntime runtime) {
    this.runtime = runtime;
    AtomicInteger number = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "patchbay-run-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A run being started: checks, then the first step. */
  @FunctionalInterface
  private interface Launch {
    void run(RunListener listener) throws WorkflowProblems, UnknownRunException, ConnectorException;
  }

  /**
   * Checks and starts a workflow; returns its run id once it runs.
   *
   * @param inputs input values as text ({@code --input name=value})
   * @param connections connection names by connector id
   * @throws WorkflowProblems every problem that kept it from starting; nothing ran
   */
  public String start(Path file, Map<String, String> inputs, Map<String, String> connections)
      throws WorkflowProblems, ConnectorException, InterruptedException {
    try {
      return launch(listener -> runtime.workflows().run(file, inputs, connections, listener));
    } catch (UnknownRunException e) {
      throw new IllegalStateException("a new run looked up a run record: " + e.getMessage(), e);
    }
  }

  /**
   * Goes on with a run that did not succeed, from its first step that did not succeed; returns once it runs again.
   *
   * @throws WorkflowProblems it succeeded already, runs elsewhere, or its workflow no longer passes the checks
   * @throws UnknownRunException there is no such run
   */
  public String resume(String runId) throws WorkflowProblems, UnknownRunException, ConnectorException,
      InterruptedException {
    return launch(listener -> runtime.workflows().resume(runId, listener));
  }

  /** What a run this server is running is doing now; empty once it ended (its record tells the rest). */
  public Optional<Progress> progress(String runId) {
    LiveRun live = running.get(runId);
    return live == null ? Optional.empty() : Optional.of(live.progress());
  }

  private String launch(Launch launch) throws WorkflowProblems, UnknownRunException, ConnectorException,
      InterruptedException {
    CompletableFuture<String> started = new CompletableFuture<>();
    LiveRun live = new LiveRun(started);
    threads.execute(() -> {
      try {
        launch.run(live);
      } catch (WorkflowProblems | UnknownRunException | ConnectorException e) {
        started.completeExceptionally(e);
      } catch (RuntimeException e) {
        if (!started.completeExceptionally(e)) {
          // The run's record says how it ended; this is for the operator, since no request is waiting any more.
          LOG.warn("run {} ended with an unexpected failure", live.runId, e);
        }
      } finally {
        // A launch that ended without starting a run must not leave the request waiting out START_WAIT.
        started.completeExceptionally(new IllegalStateException("the workflow ended before its run started"));
        if (live.runId != null) {
          running.remove(live.runId, live);
        }
      }
    });
    try {
      return started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WorkflowProblems problems) {
        throw problems;
      }
      if (cause instanceof UnknownRunException unknown) {
        throw unknown;
      }
      if (cause instanceof ConnectorException connector) {
        throw connector;
      }
      throw new IllegalStateException("the run failed to start: " + cause, cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the run's checks took longer than " + START_WAIT.toSeconds()
          + " s; it may still start: see the runs");
    }
  }

  /** Stops taking runs; runs still going after {@code grace} are interrupted (recorded INTERRUPTED, resumable). */
  public void close(Duration grace) throws InterruptedException {
    threads.shutdown();
    if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("stopping with {} workflow run(s) still going: they are interrupted, and can be resumed",
          running.size());
      threads.shutdownNow();
      threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Listens to one run: its id for the caller waiting to start it, and its progress for the run page. */
  private final class LiveRun implements RunListener {

    private final CompletableFuture<String> started;
    private volatile String runId;
    private int stepCount;
    private int stepNumber;
    private String stepId;
    private int itemsDone;
    private int itemCount = -1;
    private long done = -1;
    private long total = -1;
    private String what;

    LiveRun(CompletableFuture<String> started) {
      this.started = started;
    }

    synchronized Progress progress() {
      return new Progress(stepNumber, stepCount, stepId, itemsDone, itemCount, done, total, what);
    }

    @Override
    public void runStarted(String id, int steps, boolean resumed) {
      synchronized (this) {
        runId = id;
        stepCount = steps;
      }
      running.put(id, this);
      started.complete(id);
    }

    @Override
    public synchronized void stepStarted(int number, String step, int items) {
      stepNumber = number;
      stepId = step;
      itemCount = items;
      itemsDone = 0;
      done = -1;
      total = -1;
      what = null;
    }

    @Override
    public synchronized void progress(String step, int itemIndex, long doneSoFar, long totalKnown, String about) {
      done = doneSoFar;
      total = totalKnown;
      what = about;
    }

    @Override
    public synchronized void itemFinished(String step, ItemRecord item, int finished, int items) {
      itemsDone = finished;
      itemCount = items;
    }

    @Override
    public void runFinished(RunRecord run) {
      running.remove(run.id(), this);
    }
  }
}
