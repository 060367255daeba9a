package dev.patchbay.engine.activities.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.AsyncTimeout;

/**
 * Keeps Okio's timeout watchdog from being woken by nearly every socket read and write. OkHttp bounds each read and
 * write with an {@link AsyncTimeout}; Okio's one watchdog thread sleeps until the earliest one in its queue, and is
 * signalled whenever a new one becomes the earliest. With requests one at a time, each of the four or so per request
 * does (the queue is empty in between): a futex wake-up of another thread per socket operation, which on a virtual
 * machine cost more than the rest of the request's own work.
 *
 * <p>This timeout, due every {@link #PERIOD} and set again each time it is, stays the earliest, so the request's own
 * timeouts (seconds away) join the queue behind it without a signal. The watchdog then wakes {@link #PERIOD}-ly
 * instead of several times per request; a timeout still fires on time, since one due before the tick goes ahead of
 * it. Okio's queue is the process's, so one tick serves every client in it. A minute without a request stops it,
 * so an idle process does not tick; the next request starts it again.
 */
final class OkioTick extends AsyncTimeout {

  private static final Duration PERIOD = Duration.ofMillis(100);
  private static final long IDLE_AFTER_NANOS = Duration.ofMinutes(1).toNanos();
  private static final AtomicBoolean TICKING = new AtomicBoolean();
  /** When a request last said so, to {@link #PERIOD}: written at most once a period, not by every request. */
  private static volatile long lastRequest;

  private OkioTick() {
    timeout(PERIOD.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** For every request an activity sends, and every chunk a download reads: the tick runs while they do. */
  static void request() {
    long now = System.nanoTime();
    if (now - lastRequest > PERIOD.toNanos()) {
      lastRequest = now;
    }
    if (!TICKING.get() && TICKING.compareAndSet(false, true)) {
      new OkioTick().enter();
    }
  }

  /** On the watchdog's thread, which took this one out of its queue: the next tick goes in, unless idle. */
  @Override
  protected void timedOut() {
    try {
      if (System.nanoTime() - lastRequest < IDLE_AFTER_NANOS) {
        new OkioTick().enter();
        return;
      }
      TICKING.set(false);
      // A request that found the tick running just before it stopped would otherwise go without one.
      if (System.nanoTime() - lastRequest < PERIOD.toNanos() && TICKING.compareAndSet(false, true)) {
        new OkioTick().enter();
      }
    } catch (RuntimeException e) {
      // Thrown here, it would end Okio's only watchdog thread, and with it every socket timeout of the process.
      TICKING.set(false);
    }
  }
}
