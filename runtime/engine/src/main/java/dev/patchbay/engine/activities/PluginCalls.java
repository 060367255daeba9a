package dev.patchbay.engine.activities;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.Connector;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import dev.patchbay.engine.activities.time.Alarms;
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
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
 * Runs plugin code with a deadline (RELIABILITY R24): whatever the plugin throws, even an {@link Error}, fails that
 * one call; a call past its deadline is {@code TIMEOUT}. A plugin's calls run on the caller's own thread, watched:
 * at the deadline the watchdog interrupts the caller's thread and cancels its HTTP call, which ends any code that
 * waits on the host's HTTP client or honours interruption. A call that keeps running {@link #HANG_GRACE} past its
 * deadline although interrupted is an overrun: its plugin is quarantined at once, and from then on (until it is
 * replaced) its calls are handed off to worker threads of its own, abandoned at their deadline, so a plugin known to
 * ignore interruption never holds a caller past its deadline again. Code on input anybody may send (webhook
 * deliveries) is always handed off: strangers must not be able to keep a server's threads. Each plugin has its own
 * {@link CircuitBreaker}, which also quarantines it for {@link #QUARANTINE} after {@link #FAULTS_TO_QUARANTINE}
 * calls in a row failed inside its code. A failure the plugin reports on purpose (a {@code ConnectorException}: the
 * provider said no) is the plugin working.
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
   * How long plugin code interrupted at its deadline may take to stop before it is an overrun. A call that merely met
   * a slow provider stops at once: the HTTP layer gives up at the same deadline, and a blocked wait ends on the
   * interrupt. Only code that keeps running is the plugin's fault. It is also the most a caller waits past its
   * deadline for a plugin that honours interruption.
   */
  static final Duration HANG_GRACE = Duration.ofSeconds(1);
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
  /**
   * Interrupts calls at their deadline and judges them after the grace; one thread for every plugin's calls, which
   * the runner's HTTP requests share for their call timeouts.
   */
  private final Alarms alarms = new Alarms("patchbay-plugin-watchdog");
  private volatile boolean closed;

  PluginCalls(Clock clock) {
    this(clock, MAX_CONCURRENT_CALLS, HANG_GRACE);
  }

  PluginCalls(Clock clock, int maxConcurrentCalls, Duration hangGrace) {
    this.clock = clock;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.hangGrace = hangGrace;
  }

  /** The alarms that watch plugin calls, for the deadlines of what those calls do (their HTTP requests). */
  Alarms alarms() {
    return alarms;
  }

  /**
   * A plugin's breaker, its calls running and stuck (running past deadline and grace), and its workers, used once it
   * overran a deadline (or for code on anybody's input).
   */
  private static final class Lane {
    private final String pluginId;
    private final ThreadPoolExecutor workers;
    private final CircuitBreaker breaker;
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean handedOff;

    Lane(String pluginId, ThreadPoolExecutor workers, CircuitBreaker breaker) {
      this.pluginId = pluginId;
      this.workers = workers;
      this.breaker = breaker;
    }
  }

  /**
   * Runs {@code operationId} of the entry's connector.
   *
   * @throws ConnectorException what the plugin threw with its code kept; {@code PLUGIN_ERROR} for any other
   *     throwable; {@code TIMEOUT} past the deadline
   */
  JsonNode run(CatalogLease lease, String operationId, ActivityContext context, Duration timeout, String name,
      Runnable stop) throws ConnectorException {
    return run(lease, () -> execute(lease.entry(), operationId, context, name), timeout, name, Quarantine.APPLIES,
        stop);
  }

  /** Plugin code to run in isolation. */
  @FunctionalInterface
  interface PluginWork<T> {
    T call() throws ConnectorException;
  }

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

  /** {@link #run(CatalogLease, PluginWork, Duration, String, Quarantine, Runnable)} with nothing more to stop. */
  <T> T run(CatalogLease lease, PluginWork<T> work, Duration timeout, String name, Quarantine quarantine)
      throws ConnectorException {
    return run(lease, work, timeout, name, quarantine, () -> { });
  }

  /**
   * Runs any plugin code (an activity, an auth handler) with the same isolation and deadline as an activity.
   *
   * @param stop what else to stop at the deadline besides interrupting the code's thread: its HTTP call
   */
  <T> T run(CatalogLease lease, PluginWork<T> work, Duration timeout, String name, Quarantine quarantine,
      Runnable stop) throws ConnectorException {
    CatalogEntry entry = lease.entry();
    Lane lane = lane(lease);
    CircuitBreaker breaker = quarantine == Quarantine.APPLIES ? lane.breaker : unjudged();
    int stuck = lane.stuck.get();
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
    if (lane.running.incrementAndGet() > maxConcurrentCalls) {
      lane.running.decrementAndGet();
      breaker.released();
      throw new ConnectorException(ErrorCode.RATE_LIMITED, name + " was not run: the connector plugin "
          + entry.pluginId() + " is running " + maxConcurrentCalls + " calls already, as many as one plugin may. "
          + "Try again when some have finished; if they hang, their deadlines will end them.");
    }
    if (quarantine == Quarantine.IGNORES || lane.handedOff) {
      return handOff(lease, lane, breaker, work, timeout, name);
    }
    return onCaller(entry, lane, breaker, work, timeout, name, stop);
  }

  /** Runs the work on the caller's thread, watched: interrupted (and {@code stop} run) at the deadline. */
  private <T> T onCaller(CatalogEntry entry, Lane lane, CircuitBreaker breaker, PluginWork<T> work,
      Duration timeout, String name, Runnable stop) throws ConnectorException {
    Watch watch = new Watch(Thread.currentThread(), stop);
    try {
      watch.alarm = set(timeout, () -> deadlinePassed(watch, lane, breaker, name, timeout));
    } catch (IllegalStateException closed) {
      lane.running.decrementAndGet();
      breaker.released();
      throw closed;
    }
    T result = null;
    Throwable thrown = null;
    try (PluginExits.Scope inPlugin = PluginExits.enter(entry.pluginId(), "running " + name, () -> { })) {
      result = withPluginClassLoader(entry, work);
    } catch (Throwable failure) {
      thrown = failure;
    } finally {
      lane.running.decrementAndGet();
    }
    int ended = watch.end();
    if (ended != Watch.RUNNING) {
      if (ended == Watch.STUCK) {
        LOG.warn("a stuck call of plugin {} ended; {} still stuck", lane.pluginId, lane.stuck.decrementAndGet());
      } else {
        breaker.released(); // stopped when interrupted, as code waiting on a slow provider does: no fault
      }
      throw timedOut(name, timeout);
    }
    if (Thread.currentThread().isInterrupted()) {
      breaker.released();
      throw new ConnectorException(ErrorCode.TIMEOUT, name + " was cancelled before it finished.");
    }
    return outcome(entry, breaker, name, result, thrown);
  }

  /** The watchdog at a caller's deadline: interrupts the call, and judges it if it is still running after the grace. */
  private void deadlinePassed(Watch watch, Lane lane, CircuitBreaker breaker, String name, Duration timeout) {
    if (!watch.interrupt()) {
      return;
    }
    LOG.warn("{} did not finish within {}; its thread was interrupted", name, Durations.text(timeout));
    try {
      watch.alarm = alarms.set(hangGrace, () -> {
        if (watch.stuck()) {
          String fault = name + " kept running " + Durations.text(hangGrace) + " past its deadline of "
              + Durations.text(timeout) + " although interrupted";
          lane.handedOff = true;
          int stuck = lane.stuck.incrementAndGet();
          LOG.warn("plugin {}: {}; its caller waits until it ends ({} stuck, at most {}); its later calls run on "
              + "threads of its own", lane.pluginId, fault, stuck, MAX_STUCK_CALLS);
          if (breaker.tripped(fault)) {
            LOG.warn("plugin {} quarantined for {} after a call ignored its deadline", lane.pluginId,
                Durations.text(QUARANTINE));
          }
        }
      });
    } catch (IllegalStateException closed) {
      // The runner closed meanwhile: no plugin runs on after it, so nothing is left to judge.
    }
  }

  private Alarms.Alarm set(Duration delay, Runnable action) {
    try {
      return alarms.set(delay, action);
    } catch (IllegalStateException closing) {
      throw new IllegalStateException("the activity runner is closed", closing);
    }
  }

  /**
   * A call on its caller's thread as the watchdog sees it: running, interrupted at its deadline, judged stuck after
   * the grace, or ended. The interrupt is sent under the watch's lock, so once {@link #end} returned the watchdog
   * never interrupts the thread again, and an interrupt it sent is cleared rather than left to the caller's next work.
   */
  private static final class Watch {
    static final int RUNNING = 0;
    static final int INTERRUPTED = 1;
    static final int STUCK = 2;
    static final int ENDED = 3;

    private final Thread caller;
    private final Runnable stop;
    private int state = RUNNING;
    volatile Alarms.Alarm alarm;

    Watch(Thread caller, Runnable stop) {
      this.caller = caller;
      this.stop = stop;
    }

    /** At the deadline: true when the call was still running and is now interrupted. */
    boolean interrupt() {
      synchronized (this) {
        if (state != RUNNING) {
          return false;
        }
        state = INTERRUPTED;
        caller.interrupt();
      }
      stop.run();
      return true;
    }

    /** After the grace: true when the interrupted call is still running, now stuck. */
    synchronized boolean stuck() {
      if (state != INTERRUPTED) {
        return false;
      }
      state = STUCK;
      return true;
    }

    /** On the caller's thread, when the code returned: the state it ended in. */
    int end() {
      int ended;
      synchronized (this) {
        ended = state;
        state = ENDED;
      }
      Alarms.Alarm pending = alarm;
      if (pending != null) {
        pending.cancel();
      }
      if (ended != RUNNING) {
        Thread.interrupted(); // the watchdog's interrupt, delivered: not the caller's to see
      }
      return ended;
    }
  }

  /** Runs the work on one of the lane's workers, abandoned at its deadline. */
  private <T> T handOff(CatalogLease lease, Lane lane, CircuitBreaker breaker, PluginWork<T> work, Duration timeout,
      String name) throws ConnectorException {
    CatalogEntry entry = lease.entry();
    // The plugin stays loaded while its code runs, also on a thread abandoned past the deadline.
    CatalogLease running = lease.retain();
    // Set by whichever comes first: the call ending, or the hang check finding it still running (then it is stuck).
    AtomicBoolean settled = new AtomicBoolean();
    // Completed by the worker, or by the shutdown when the plugin's code exits the process: the caller then still
    // hears what happened (a server answers its client) instead of losing its connection.
    CompletableFuture<T> answer = new CompletableFuture<>();
    Future<?> call;
    try {
      call = lane.workers.submit(() -> {
        try (running; PluginExits.Scope inPlugin = PluginExits.enter(entry.pluginId(), "running " + name,
            () -> answer.completeExceptionally(new ProcessExit()))) {
          answer.complete(withPluginClassLoader(entry, work));
        } catch (Throwable thrown) {
          answer.completeExceptionally(thrown);
        } finally {
          lane.running.decrementAndGet();
          if (settled.getAndSet(true)) {
            LOG.warn("a stuck call of plugin {} ended; {} still stuck", entry.pluginId(),
                lane.stuck.decrementAndGet());
          }
        }
      });
    } catch (RejectedExecutionException refused) {
      lane.running.decrementAndGet();
      running.close();
      breaker.released();
      throw new IllegalStateException("the activity runner is closed", refused);
    }
    try {
      T result = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return outcome(entry, breaker, name, result, null);
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof ProcessExit) {
        throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " did not finish: the connector plugin "
            + entry.pluginId() + " called System.exit inside it, and the process is stopping. This is a bug in the "
            + "plugin; report it to its author, or remove the plugin.");
      }
      return outcome(entry, breaker, name, null, thrown);
    } catch (TimeoutException e) {
      call.cancel(true);
      LOG.warn("{} did not finish within {}; its thread was interrupted", name, Durations.text(timeout));
      // Stuck calls count whoever sent their input; only calls under the quarantine can cause it.
      judgeLater(lane, breaker, settled, name + " kept running " + Durations.text(hangGrace)
          + " past its deadline of " + Durations.text(timeout) + " although interrupted");
      throw timedOut(name, timeout);
    } catch (InterruptedException e) {
      call.cancel(true);
      breaker.released();
      Thread.currentThread().interrupt();
      throw new ConnectorException(ErrorCode.TIMEOUT, name + " was cancelled before it finished.");
    }
  }

  /** What the caller gets for code that ended in time: its result, its own failure, or PLUGIN_ERROR. */
  private static <T> T outcome(CatalogEntry entry, CircuitBreaker breaker, String name, T result, Throwable thrown)
      throws ConnectorException {
    if (thrown == null) {
      breaker.succeeded();
      return result;
    }
    if (thrown instanceof ConnectorException failure) {
      breaker.succeeded();
      throw failure;
    }
    LOG.warn("{} failed inside plugin {}", name, entry.pluginId(), thrown);
    fault(breaker, entry.pluginId(), describe(thrown));
    throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " failed inside the connector plugin "
        + entry.pluginId() + ": " + describe(thrown) + ". This is a bug in the plugin; report it to its author "
        + "(the runtime log has the stack trace).", thrown);
  }

  private static ConnectorException timedOut(String name, Duration timeout) {
    return new ConnectorException(ErrorCode.TIMEOUT, name + " did not finish within " + Durations.text(timeout)
        + " and was stopped. If it needs longer (a large download, a long listing), run it with a longer "
        + "timeout.");
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
      return new Lane(entry.pluginId(), workers, new CircuitBreaker(FAULTS_TO_QUARANTINE, QUARANTINE, clock));
    });
  }

  /**
   * Counts the abandoned call against the plugin, and as stuck, if it is still running after the grace; else no
   * verdict. The lane holds no reference to the plugin's classes, so the check keeps no unloaded plugin in memory.
   */
  private void judgeLater(Lane lane, CircuitBreaker breaker, AtomicBoolean settled, String fault) {
    try {
      alarms.set(hangGrace, () -> {
        if (settled.getAndSet(true)) {
          breaker.released();
          return;
        }
        int stuck = lane.stuck.incrementAndGet();
        LOG.warn("plugin {}: {}; its thread is kept until it ends ({} stuck, at most {})", lane.pluginId, fault,
            stuck, MAX_STUCK_CALLS);
        fault(breaker, lane.pluginId, fault);
      });
    } catch (IllegalStateException closing) {
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
        if (lane.pluginId.equals(pluginId)) {
          stuck += lane.stuck.get();
          quarantine = lane.breaker.state().orElse(quarantine);
        }
      }
    }
    return new PluginCallHealth(quarantine, stuck);
  }

  @Override
  public void close() {
    closed = true;
    alarms.close();
    synchronized (lanes) {
      lanes.values().forEach(lane -> lane.workers.shutdownNow());
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
