package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import dev.patchbay.engine.catalog.CatalogLease;
import dev.patchbay.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A plugin's calls run on its own bounded set of workers: calls that hang cannot take every thread. */
class PluginCallsTest extends RelayTestBase {

  @Test
  void aPluginRunningAsManyCallsAsItMayHasTheNextOneRefusedUntilOneFinishes() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 2,
        PluginCalls.HANG_GRACE);
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      CompletableFuture<String> first = blocked(calls, lease, started, release);
      CompletableFuture<String> second = blocked(calls, lease, started, release);
      assertTrue(started.await(30, TimeUnit.SECONDS));

      ConnectorException refused = assertThrows(ConnectorException.class,
          () -> calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/third", PluginCalls.Quarantine.APPLIES));

      assertEquals(ErrorCode.RATE_LIMITED, refused.code());
      assertEquals("relay/third was not run: the connector plugin relay is running 2 calls already, as many as one "
          + "plugin may. Try again when some have finished; if they hang, their deadlines will end them.",
          refused.getMessage());
      release.countDown();
      assertEquals("done", first.get(30, TimeUnit.SECONDS));
      assertEquals("done", second.get(30, TimeUnit.SECONDS));
      assertEquals("ran", calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/fourth", PluginCalls.Quarantine.APPLIES));
    }
  }

  @Test
  void callsThatStopWhenTheirDeadlineInterruptsThemAreNoFaultOfThePlugin() throws Exception {
    Duration grace = Duration.ofMillis(50);
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 8, grace);
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE + 1; i++) {
        ConnectorException slow = assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
          try {
            Thread.sleep(60_000);
            return "never";
          } catch (InterruptedException stopped) {
            return "stopped";
          }
        }, Duration.ofMillis(20), "relay/slow", PluginCalls.Quarantine.APPLIES));
        assertEquals(ErrorCode.TIMEOUT, slow.code());
      }
      // Long enough for every hang check to have looked: none may count these calls.
      Thread.sleep(grace.multipliedBy(10).toMillis());

      assertEquals("ran", calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/next", PluginCalls.Quarantine.APPLIES));
    }
  }

  @Test
  void aCallThatKeepsRunningPastItsDeadlineQuarantinesThePluginAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 8,
        Duration.ofMillis(50));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      // Its caller's own thread runs it, and waits until the deaf code ends.
      CompletableFuture<ErrorCode> deaf = CompletableFuture.supplyAsync(() -> assertThrows(ConnectorException.class,
          () -> calls.run(lease, () -> deafUntil(release), Duration.ofMillis(20), "relay/stuck",
              PluginCalls.Quarantine.APPLIES)).code());
      awaitCondition(() -> calls.health("relay").quarantined().isPresent());

      ConnectorException quarantined = assertThrows(ConnectorException.class,
          () -> calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/next", PluginCalls.Quarantine.APPLIES));

      assertEquals(ErrorCode.PLUGIN_ERROR, quarantined.code());
      assertTrue(quarantined.getMessage().startsWith("relay/next was not run: the connector plugin relay is "
          + "quarantined because its last 1 calls failed inside its own code (the last: relay/stuck kept running "
          + "50 ms past its deadline of 20 ms although interrupted)."), quarantined.getMessage());
      assertEquals(1, calls.health("relay").stuckCalls());
      release.countDown();
      assertEquals(ErrorCode.TIMEOUT, deaf.get(30, TimeUnit.SECONDS), "the caller hears TIMEOUT once it ends");
      awaitCondition(() -> calls.health("relay").stuckCalls() == 0);
    }
  }

  @Test
  void aPluginThatOnceIgnoredItsDeadlineRunsOnThreadsOfItsOwnSoItsTrialCallCannotHoldTheCaller()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    CountDownLatch release = new CountDownLatch(1);
    try (PluginCalls calls = new PluginCalls(clock, 8, Duration.ofMillis(50));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      CompletableFuture.runAsync(() -> assertThrows(ConnectorException.class, () -> calls.run(lease,
          () -> deafUntil(release), Duration.ofMillis(20), "relay/stuck", PluginCalls.Quarantine.APPLIES)));
      awaitCondition(() -> calls.health("relay").quarantined().isPresent());
      clock.advance(PluginCalls.QUARANTINE);
      Thread caller = Thread.currentThread();

      ConnectorException trial = assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
        assertTrue(Thread.currentThread() != caller, "handed off");
        return deafUntil(release);
      }, Duration.ofMillis(20), "relay/trial", PluginCalls.Quarantine.APPLIES));

      assertEquals(ErrorCode.TIMEOUT, trial.code(), "abandoned at its deadline, the deaf code still running");
      release.countDown();
      awaitCondition(() -> calls.health("relay").stuckCalls() == 0);
    }
  }

  @Test
  void aCallRunsOnItsCallersThreadAndLeavesItUninterrupted() throws Exception {
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 8,
        Duration.ofMillis(50));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      Thread caller = Thread.currentThread();
      assertEquals(caller, calls.run(lease, Thread::currentThread, Duration.ofSeconds(30), "relay/here",
          PluginCalls.Quarantine.APPLIES));

      CountDownLatch stopped = new CountDownLatch(1);
      assertEquals(ErrorCode.TIMEOUT, assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
        try {
          Thread.sleep(60_000);
          return "never";
        } catch (InterruptedException interrupted) {
          stopped.countDown();
          return "stopped";
        }
      }, Duration.ofMillis(20), "relay/slow", PluginCalls.Quarantine.APPLIES, stopped::countDown)).code());

      assertEquals(0, stopped.getCount());
      assertTrue(!Thread.currentThread().isInterrupted(), "the watchdog's interrupt is not left to the caller");
    }
  }

  @Test
  void codeOnInputAnybodySendsNeitherCausesNorLiftsNorMeetsAQuarantine() throws Exception {
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE + 1; i++) {
        assertEquals(ErrorCode.PLUGIN_ERROR, assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
          throw new IllegalStateException("crafted delivery");
        }, Duration.ofSeconds(30), "relay webhook", PluginCalls.Quarantine.IGNORES)).code());
      }
      assertEquals("ran", calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/first",
          PluginCalls.Quarantine.APPLIES), "crafted deliveries did not quarantine the plugin");

      for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE; i++) {
        assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
          throw new IllegalStateException("broken activity");
        }, Duration.ofSeconds(30), "relay/broken", PluginCalls.Quarantine.APPLIES));
      }
      assertEquals("verified", calls.run(lease, () -> "verified", Duration.ofSeconds(30), "relay webhook",
          PluginCalls.Quarantine.IGNORES), "a delivery is still verified while activities are refused");
      ConnectorException stillQuarantined = assertThrows(ConnectorException.class, () -> calls.run(lease,
          () -> "ran", Duration.ofSeconds(30), "relay/next", PluginCalls.Quarantine.APPLIES));
      assertEquals(ErrorCode.PLUGIN_ERROR, stillQuarantined.code());
      assertTrue(stillQuarantined.getMessage().startsWith("relay/next was not run: the connector plugin relay is "
          + "quarantined"), stillQuarantined.getMessage());
    }
  }

  @Test
  void stuckCallsAreCountedCappedAndReportedUntilThePluginLetsGo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 64,
        Duration.ofMillis(50));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      for (int i = 0; i < PluginCalls.MAX_STUCK_CALLS; i++) {
        assertEquals(ErrorCode.TIMEOUT, assertThrows(ConnectorException.class, () -> calls.run(lease,
            () -> deafUntil(release), Duration.ofMillis(20), "relay webhook", PluginCalls.Quarantine.IGNORES)).code());
      }
      awaitCondition(() -> calls.health("relay").stuckCalls() == PluginCalls.MAX_STUCK_CALLS);

      ConnectorException refused = assertThrows(ConnectorException.class,
          () -> calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/next", PluginCalls.Quarantine.APPLIES));

      assertEquals(ErrorCode.PLUGIN_ERROR, refused.code());
      assertEquals("relay/next was not run: 8 calls of the connector plugin relay are stuck, running past their "
          + "deadline although interrupted, and keep their threads; it gets no more until they end. Replace the "
          + "plugin with a fixed version, or restart the process to end them.", refused.getMessage());
      assertTrue(calls.health("relay").quarantined().isEmpty(), "input anybody sends quarantines nothing");
      release.countDown();
      awaitCondition(() -> calls.health("relay").stuckCalls() == 0);
      assertEquals("ran", calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/later",
          PluginCalls.Quarantine.APPLIES));
    }
  }

  @Test
  void aQuarantineIsReportedWithItsEndAndItsLastFailure() throws Exception {
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      assertTrue(calls.health("relay").quarantined().isEmpty());
      for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE; i++) {
        assertThrows(ConnectorException.class, () -> calls.run(lease, () -> {
          throw new IllegalStateException("broken activity");
        }, Duration.ofSeconds(30), "relay/broken", PluginCalls.Quarantine.APPLIES));
      }

      CircuitBreaker.Open quarantine = calls.health("relay").quarantined().orElseThrow();

      assertEquals(Instant.parse("2026-11-29T10:01:00Z"), quarantine.until());
      assertEquals("java.lang.IllegalStateException: broken activity", quarantine.lastFailure());
    }
  }

  private static String deafUntil(CountDownLatch release) {
    while (true) {
      try {
        release.await(); // deaf to interrupts, as a plugin stuck in a loop is
        return "late";
      } catch (InterruptedException ignored) {
        // and on it waits
      }
    }
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "the condition never held");
      Thread.sleep(10);
    }
  }

  private static CompletableFuture<String> blocked(PluginCalls calls, CatalogLease lease, CountDownLatch started,
      CountDownLatch release) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return calls.run(lease, () -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "done";
        }, Duration.ofSeconds(30), "relay/blocked", PluginCalls.Quarantine.APPLIES);
      } catch (ConnectorException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
