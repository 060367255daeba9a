package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
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
    try (PluginCalls calls = new PluginCalls(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")), 2);
        CatalogLease lease = relay.catalog().lease("relay").orElseThrow()) {
      CompletableFuture<String> first = blocked(calls, lease, started, release);
      CompletableFuture<String> second = blocked(calls, lease, started, release);
      assertTrue(started.await(30, TimeUnit.SECONDS));

      ConnectorException refused = assertThrows(ConnectorException.class,
          () -> calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/third"));

      assertEquals(ErrorCode.RATE_LIMITED, refused.code());
      assertEquals("relay/third was not run: the connector plugin relay is running 2 calls already, as many as one "
          + "plugin may. Try again when some have finished; if they hang, their deadlines will end them.",
          refused.getMessage());
      release.countDown();
      assertEquals("done", first.get(30, TimeUnit.SECONDS));
      assertEquals("done", second.get(30, TimeUnit.SECONDS));
      assertEquals("ran", calls.run(lease, () -> "ran", Duration.ofSeconds(30), "relay/fourth"));
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
        }, Duration.ofSeconds(30), "relay/blocked");
      } catch (ConnectorException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
