package dev.patchbay.engine.activities;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.Connector;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.CatalogLease;
import dev.patchbay.engine.plugins.PluginExits;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs plugin code on worker threads, with a deadline (RELIABILITY R24): whatever the plugin throws, even an
 * {@link Error}, fails that one call; a call past its deadline is abandoned and its thread interrupted. The calling
 * thread is never the one that overflows its stack or hangs. Each loaded plugin has its own bounded set of workers,
 * so a plugin whose calls hang cannot take every thread, and its own {@link CircuitBreaker}, which quarantines it
 * for {@link #QUARANTINE} after {@link #FAULTS_TO_QUARANTINE} calls in a row failed inside its code or kept running
 * past their deadline ({@link #HANG_GRACE}). A failure
 * the plugin reports on purpose (a {@code ConnectorException}: the provider said no) is the plugin working.
 */
final class PluginCalls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginCalls.class);
  private static final int MAX_DETAIL = 300;
  /** Calls one plugin may run at once; beyond that a call is refused rather than queued behind hung ones. */
  static final int MAX_CONCURRENT_CALLS = 64;
  private static final Duration IDLE_WORKER_LIFETIME = Duration.ofSeconds(60);
  static final int FAULTS_TO_QUARANTINE = 5;
  static final Duration QUARANTINE = Duration.ofMinutes(1);
  /**
   * How long plugin code abandoned at its deadline may take to stop before the hang counts against the plugin. A
   * call that merely met a slow provider stops at once: the HTTP layer gives up at the same deadline, and a blocked
   * wait ends on the interrupt. Only code that keeps running is the plugin's fault.
   */
  static final Duration HANG_GRACE = Duration.ofSeconds(10);
  /**
   * Calls of one plugin that may ignore interruption past their deadline and grace before the plugin gets no more:
   * each keeps a thread the JVM cannot take back, and without a cap they would take all {@link #MAX_CONCURRENT_CALLS}.
   */
  static final int MAX_STUCK_CALLS = 8;

  /** One lane per loaded plugin; weak keys, so a plugin unloaded after a replace leaves nothing behind. */
  private final Map<Connector, Lane> lanes = Collections.synchronizedMap(new WeakHashMap<>());
  private final Clock clock;
  private final int maxConcurrentCalls;
  private final Duration hangGrace;
  private final ScheduledExecutorService hangChecks = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "patchbay-plugin-hang-check");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  PluginCalls(Clock clock) {
    this(clock, MAX_CONCURRENT_CALLS, HANG_GRACE);
  }

  PluginCalls(Clock clock, int maxConcurrentCalls, Duration hangGrace) {
    this.clock = clock;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.hangGrace = hangGrace;
  }

  /** A plugin's workers and breaker, and how many of its calls are stuck (running past deadline and grace). */
  private record Lane(String pluginId, ThreadPoolExecutor workers, CircuitBreaker breaker, AtomicInteger stuck) {}

  /**
   * Runs {@code operationId} of the entry's connector.
   *
   * @throws ConnectorException what the plugin threw with its code kept; {@code PLUGIN_ERROR} for any other
   *     throwable; {@code TIMEOUT} past the deadline
   */
  JsonNode run(CatalogLease lease, String operationId, ActivityContext context, Duration timeout, String name)
      throws ConnectorException {
    return run(lease, () -> execute(lease.entry(), operationId, context, name), timeout, name, Quarantine.APPLIES);
  }

  /** Plugin code to run in isolation. */
  @FunctionalInterface
  interface PluginWork<T> {
    T call() throws ConnectorException;
  }

  /** Runs any plugin code (an activity, an auth handler) with the same isolation and deadline as an activity. */
  /** Whether a call's outcome counts toward its plugin's quarantine, and the quarantine refuses it. */
  enum Quarantine {
    APPLIES,
    /**
     * For plugin code whose input anybody can send (a webhook delivery, before its signature is verified): letting its
     * outcomes count would let strangers keep a failing plugin's count at zero, take the one trial call that ends a
     * quarantine, or quarantine a working plugin with crafted input.
     */
    IGNORES
  }

  <T> T run(CatalogLease lease, PluginWork<T> work, Duration timeout, String name, Quarantine quarantine)
      throws ConnectorException {
    CatalogEntry entry = lease.entry();
    Lane lane = lane(lease);
    CircuitBreaker breaker = quarantine == Quarantine.APPLIES ? lane.breaker() : unjudged();
    int stuck = lane.stuck().get();
    if (stuck >= MAX_STUCK_CALLS) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " was not run: " + stuck + " calls of the "
          + "connector plugin " + entry.pluginId() + " are stuck, running past their deadline although interrupted, "
          + "and keep their threads; it gets no more until they end. Replace the plugin with a fixed version, or "
          + "restart the process to end them.");
    }
    Optional<CircuitBreaker.Open> quarantined = breaker.admit();
    if (quarantined.isPresent()) {
      CircuitBreaker.Open open = quarantined.get();
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " was not run: the connector plugin "
          + entry.pluginId() + " is quarantined because its last " + open.failuresInARow() + " calls failed inside "
          + "its own code (the last: " + open.lastFailure() + "). From " + open.until() + " one call is let through "
          + "to test it; replacing the plugin with a fixed version lifts the quarantine at once.");
    }
    // The plugin stays loaded while its code runs, also on a thread abandoned past the deadline.
    CatalogLease running = lease.retain();
    // Set by whichever comes first: the call ending, or the hang check finding it still running (then it is stuck).
    AtomicBoolean settled = new AtomicBoolean();
    // Completed by the worker, or by the shutdown when the plugin's code exits the process: the caller then still
    // hears what happened (a server answers its client) instead of losing its connection.
    CompletableFuture<T> answer = new CompletableFuture<>();
    Future<?> call;
    try {
      call = lane.workers().submit(() -> {
        try (running; PluginExits.Scope inPlugin = PluginExits.enter(entry.pluginId(), "running " + name,
            () -> answer.completeExceptionally(new ProcessExit()))) {
          answer.complete(withPluginClassLoader(entry, work));
        } catch (Throwable thrown) {
          answer.completeExceptionally(thrown);
        } finally {
          if (settled.getAndSet(true)) {
            lane.stuck().decrementAndGet();
            LOG.warn("a stuck call of plugin {} ended; {} still stuck", entry.pluginId(), lane.stuck().get());
          }
        }
      });
    } catch (RejectedExecutionException refused) {
      running.close();
      breaker.released();
      if (closed) {
        throw new IllegalStateException("the activity runner is closed", refused);
      }
      throw new ConnectorException(ErrorCode.RATE_LIMITED, name + " was not run: the connector plugin "
          + entry.pluginId() + " is running " + maxConcurrentCalls + " calls already, as many as one plugin may. "
          + "Try again when some have finished; if they hang, their deadlines will end them.");
    }
    try {
      T result = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      breaker.succeeded();
      return result;
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof ConnectorException failure) {
        breaker.succeeded();
        throw failure;
      }
      if (thrown instanceof ProcessExit) {
        throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " did not finish: the connector plugin "
            + entry.pluginId() + " called System.exit inside it, and the process is stopping. This is a bug in the "
            + "plugin; report it to its author, or remove the plugin.");
      }
      LOG.warn("{} failed inside plugin {}", name, entry.pluginId(), thrown);
      fault(breaker, entry.pluginId(), describe(thrown));
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " failed inside the connector plugin "
          + entry.pluginId() + ": " + describe(thrown) + ". This is a bug in the plugin; report it to its author "
          + "(the runtime log has the stack trace).", thrown);
    } catch (TimeoutException e) {
      call.cancel(true);
      LOG.warn("{} did not finish within {}; its thread was interrupted", name, Durations.text(timeout));
      // Stuck calls count whoever sent their input; only calls under the quarantine can cause it.
      judgeLater(lane, breaker, settled, name + " kept running " + Durations.text(hangGrace)
          + " past its deadline of " + Durations.text(timeout) + " although interrupted");
      throw new ConnectorException(ErrorCode.TIMEOUT, name + " did not finish within " + Durations.text(timeout)
          + " and was stopped. If it needs longer (a large download, a long listing), run it with a longer "
          + "timeout.");
    } catch (InterruptedException e) {
      call.cancel(true);
      breaker.released();
      Thread.currentThread().interrupt();
      throw new ConnectorException(ErrorCode.TIMEOUT, name + " was cancelled before it finished.");
    }
  }

  private Lane lane(CatalogLease lease) {
    CatalogEntry entry = lease.entry();
    return lanes.computeIfAbsent(entry.implementation(), implementation -> {
      ThreadPoolExecutor workers = new ThreadPoolExecutor(0, maxConcurrentCalls,
          IDLE_WORKER_LIFETIME.toSeconds(), TimeUnit.SECONDS, new SynchronousQueue<>(),
          new WorkerThreads(entry.pluginId()));
      if (closed) {
        workers.shutdown();
      }
      // A thread that ran plugin code keeps what the plugin left in its ThreadLocals, and through it the plugin's
      // class loader: the threads end with the plugin, not after their idle lifetime.
      lease.whenPluginUnloads(workers::shutdown);
      return new Lane(entry.pluginId(), workers, new CircuitBreaker(FAULTS_TO_QUARANTINE, QUARANTINE, clock),
          new AtomicInteger());
    });
  }

  /**
   * Counts the abandoned call against the plugin, and as stuck, if it is still running after the grace; else no
   * verdict. The lane holds no reference to the plugin's classes, so the check keeps no unloaded plugin in memory.
   */
  private void judgeLater(Lane lane, CircuitBreaker breaker, AtomicBoolean settled, String fault) {
    try {
      hangChecks.schedule(() -> {
        if (settled.getAndSet(true)) {
          breaker.released();
          return;
        }
        int stuck = lane.stuck().incrementAndGet();
        LOG.warn("plugin {}: {}; its thread is kept until it ends ({} stuck, at most {})", lane.pluginId(), fault,
            stuck, MAX_STUCK_CALLS);
        fault(breaker, lane.pluginId(), fault);
      }, hangGrace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // The runner is closing: no plugin runs on after it.
    }
  }

  /**
   * A breaker of its own for one call that must not judge its plugin: it never refuses, and nobody reads it, so the
   * call's code needs no branch for what it reports.
   */
  private CircuitBreaker unjudged() {
    return new CircuitBreaker(Integer.MAX_VALUE, QUARANTINE, clock);
  }

  private static void fault(CircuitBreaker breaker, String pluginId, String fault) {
    if (breaker.failed(fault)) {
      LOG.warn("plugin {} quarantined for {} after {} calls in a row failed inside it", pluginId,
          Durations.text(QUARANTINE), FAULTS_TO_QUARANTINE);
    }
  }

  private static JsonNode execute(CatalogEntry entry, String operationId, ActivityContext context, String name)
      throws ConnectorException {
    Activity activity = entry.implementation().activities().get(operationId);
    if (activity == null) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "The connector plugin " + entry.pluginId()
          + " no longer offers " + name + ". Report this to its author.");
    }
    return activity.execute(context);
  }

  private static <T> T withPluginClassLoader(CatalogEntry entry, PluginWork<T> work) throws ConnectorException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Libraries inside the plugin that look up classes through the context class loader must find the plugin's.
    thread.setContextClassLoader(entry.implementation().getClass().getClassLoader());
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static String describe(Throwable thrown) {
    String message = thrown.getMessage();
    if (message == null || message.isBlank()) {
      return thrown.getClass().getName();
    }
    String shown = message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    return thrown.getClass().getName() + ": " + shown;
  }

  /** The quarantine and stuck calls of a plugin's lanes, for reports; a plugin never called has neither. */
  PluginCallHealth health(String pluginId) {
    CircuitBreaker.Open quarantine = null;
    int stuck = 0;
    synchronized (lanes) {
      for (Lane lane : lanes.values()) {
        if (lane.pluginId().equals(pluginId)) {
          stuck += lane.stuck().get();
          quarantine = lane.breaker().state().orElse(quarantine);
        }
      }
    }
    return new PluginCallHealth(quarantine, stuck);
  }

  @Override
  public void close() {
    closed = true;
    hangChecks.shutdownNow();
    synchronized (lanes) {
      lanes.values().forEach(lane -> lane.workers().shutdownNow());
    }
  }

  /** What a call hears when its plugin code exits the process; never thrown, only handed to the waiting caller. */
  private static final class ProcessExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessExit() {
      super("the plugin called System.exit", null, false, false);
    }
  }

  /** Daemon threads, so an abandoned plugin call never keeps the process alive. */
  private static final class WorkerThreads implements ThreadFactory {
    private final String pluginId;
    private final AtomicInteger count = new AtomicInteger();

    WorkerThreads(String pluginId) {
      this.pluginId = pluginId;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "patchbay-activity-" + pluginId + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
