package dev.patchbay.engine.activities.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AlarmsTest {

  @Test
  void anAlarmRingsOnceOnTheAlarmsThread() throws Exception {
    try (Alarms alarms = new Alarms("test-alarms")) {
      List<String> threads = new CopyOnWriteArrayList<>();
      CountDownLatch rang = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(30), () -> {
        threads.add(Thread.currentThread().getName());
        rang.countDown();
      });

      assertTrue(rang.await(10, TimeUnit.SECONDS));
      // A later alarm ringing shows the thread went round again without ringing the first twice.
      CountDownLatch later = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(50), later::countDown);
      assertTrue(later.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("test-alarms"), threads);
    }
  }

  @Test
  void anAlarmRingsNotBeforeItIsDue() throws Exception {
    AtomicLong now = new AtomicLong();
    try (Alarms alarms = new Alarms("test-alarms-clock", now::get)) {
      CountDownLatch due = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(300), due::countDown);
      // Rung only once the thread has looked at the set with the clock where it is.
      CountDownLatch looked = new CountDownLatch(1);
      alarms.set(Duration.ZERO, looked::countDown);
      assertTrue(looked.await(10, TimeUnit.SECONDS));
      assertEquals(1, due.getCount(), "rang at once");

      now.addAndGet(Duration.ofMillis(299).toNanos());
      CountDownLatch lookedAt299 = new CountDownLatch(1);
      alarms.set(Duration.ZERO, lookedAt299::countDown);
      assertTrue(lookedAt299.await(10, TimeUnit.SECONDS));
      assertEquals(1, due.getCount(), "rang 1 ms early");

      now.addAndGet(Duration.ofMillis(1).toNanos());
      assertTrue(due.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void closedAlarmsStillRingThoseSetBefore() throws Exception {
    Alarms alarms = new Alarms("test-alarms-closed-ringing");
    CountDownLatch rang = new CountDownLatch(1);
    alarms.set(Duration.ofMillis(50), rang::countDown);

    alarms.close();

    assertTrue(rang.await(10, TimeUnit.SECONDS), "a request under way keeps its call timeout");
  }

  @Test
  void aCancelledAlarmNeverRings() throws Exception {
    try (Alarms alarms = new Alarms("test-alarms")) {
      CountDownLatch cancelledRang = new CountDownLatch(1);
      Alarms.Alarm cancelled = alarms.set(Duration.ofMillis(40), cancelledRang::countDown);
      cancelled.cancel();
      CountDownLatch after = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(80), after::countDown);

      assertTrue(after.await(10, TimeUnit.SECONDS));
      assertFalse(cancelledRang.await(100, TimeUnit.MILLISECONDS), "the cancelled alarm was due before the other");
    }
  }

  @Test
  void aFailingActionDoesNotStopTheOthers() throws Exception {
    try (Alarms alarms = new Alarms("test-alarms")) {
      alarms.set(Duration.ZERO, () -> {
        throw new IllegalStateException("the action's own bug");
      });
      CountDownLatch next = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(30), next::countDown);

      assertTrue(next.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void anAlarmSetAfterAnIdleSecondStillRings() throws Exception {
    try (Alarms alarms = new Alarms("test-alarms-idle")) {
      Thread thread = findThread("test-alarms-idle");
      // Idle for a second, the thread parks with no timeout: only setting an alarm may wake it.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (thread.getState() != Thread.State.WAITING && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertEquals(Thread.State.WAITING, thread.getState());

      CountDownLatch rang = new CountDownLatch(1);
      alarms.set(Duration.ofMillis(10), rang::countDown);

      assertTrue(rang.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void closedAlarmsRefuseNewOnesAndEndTheirThread() throws Exception {
    Alarms alarms = new Alarms("test-alarms-closing");
    Thread thread = findThread("test-alarms-closing");
    alarms.close();

    assertThrows(IllegalStateException.class, () -> alarms.set(Duration.ofSeconds(1), () -> { }));
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.isAlive());
  }

  private static Thread findThread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
        .findFirst().orElseThrow();
  }
}
