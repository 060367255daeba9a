package dev.patchbay.engine.activities.time;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms for the runner's deadlines: an activity's, a request's call timeout, a plugin's grace past its deadline.
 * Nearly every alarm is cancelled long before it is due, so setting and cancelling one must cost next to nothing:
 * here each is an entry in a concurrent set, and one thread looks at all of them every {@link #TICK}, ringing those
 * that are due. While alarms come and go, neither setting nor cancelling one wakes that thread or takes a lock every
 * caller shares, where a scheduled executor takes its queue's lock twice per alarm, and OkHttp's call timeout wakes
 * Okio's watchdog thread whenever it becomes the earliest (with one caller at a time, on every request).
 *
 * <p>The price is precision: an alarm rings up to one tick late. A deadline of seconds or minutes does not notice.
 * After a second with no alarm pending the thread parks until the next one is set (that one set wakes it), so an
 * idle runtime does not tick.
 */
public final class Alarms implements AutoCloseable {

  /** How late an alarm may ring. */
  private static final Duration TICK = Duration.ofMillis(20);
  private static final long IDLE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Logger LOG = LoggerFactory.getLogger(Alarms.class);

  private final Set<Alarm> set = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoTime;
  private final Thread thread;
  private volatile boolean parkedIdle;
  private volatile boolean closed;

  /** @param name the thread's name */
  public Alarms(String name) {
    this(name, System::nanoTime);
  }

  /** With another clock, in {@link System#nanoTime()}'s units, for tests. */
  Alarms(String name, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    thread = new Thread(this::ring, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Sets an alarm that runs {@code action} on the alarms' thread {@code delay} from now (up to a tick later) unless
   * cancelled first. The action must be quick: every other alarm waits for it.
   *
   * @throws IllegalStateException when closed
   */
  public Alarm set(Duration delay, Runnable action) {
    if (closed) {
      throw new IllegalStateException("the alarms are closed");
    }
    Alarm alarm = new Alarm(nanoTime.getAsLong() + Math.max(0, delay.toNanos()), Objects.requireNonNull(action));
    set.add(alarm);
    if (parkedIdle) {
      LockSupport.unpark(thread);
    }
    return alarm;
  }

  /**
   * Takes no more alarms. Those already set still ring when due (a request under way keeps its call timeout); the
   * thread ends once none is left.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  private void ring() {
    long lastPending = nanoTime.getAsLong();
    while (!closed || !set.isEmpty()) {
      // Nothing here waits to be interrupted; an interrupt left set would make every park return at once.
      Thread.interrupted();
      long now = nanoTime.getAsLong();
      for (Alarm alarm : set) {
        lastPending = now;
        if (now - alarm.due >= 0 && set.remove(alarm)) {
          run(alarm);
        }
      }
      if (closed || now - lastPending < IDLE_AFTER_NANOS) {
        LockSupport.parkNanos(this, TICK.toNanos());
        continue;
      }
      // Announced before looking, so that an alarm set meanwhile either is seen here or unparks the thread.
      parkedIdle = true;
      if (set.isEmpty() && !closed) {
        LockSupport.park(this);
      }
      parkedIdle = false;
      lastPending = nanoTime.getAsLong();
    }
  }

  private static void run(Alarm alarm) {
    try {
      alarm.action.run();
    } catch (RuntimeException | Error e) {
      LOG.error("an alarm's action failed", e);
    }
  }

  /** One alarm; {@link #cancel} it when what it guards has ended. */
  public final class Alarm {
    private final long due;
    private final Runnable action;

    private Alarm(long due, Runnable action) {
      this.due = due;
      this.action = action;
    }

    /** Keeps the alarm from ringing if it has not rung yet. */
    public void cancel() {
      set.remove(this);
    }
  }
}
