package dev.patchbay.server;

import static dev.patchbay.server.ZoomDeliveries.CANARY;
import static dev.patchbay.server.ZoomDeliveries.deliver;
import static dev.patchbay.server.ZoomDeliveries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stop lets the webhook events it acknowledged finish within the shutdown grace. */
class WebhookShutdownTest {

  @Test
  void aStopWaitsForTheEventBeingProcessed() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    SandboxServer fixture = SandboxServer.start(ServerOptions.defaults().withPort(0)
        .withShutdownGrace(Duration.ofSeconds(30)), runtime -> received -> {
          entered.countDown();
          release.await();
          finished.set(true);
          return EventOutcome.of(EventStatus.NO_TRIGGER, "none");
        });
    try {
      fixture.runtime.webhookSecrets().set("zoom", Secret.of(CANARY));
      String account = fixture.sandbox().connection().identity().accountId();
      Api.Answer answer = deliver(fixture.api, event("meeting.started", account, 1_700_000_000_789L, "{}"),
          Instant.now());
      assertEquals(200, answer.status(), answer.body());
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      Thread stopping = new Thread(fixture.server::close, "stopping");
      stopping.start();
      // The stop is under way (new requests are refused) while the handler is held: it must wait for it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (fixture.api.raw("GET", "/healthz", null).status() != 503 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(stopping.isAlive());
      assertFalse(finished.get());
      release.countDown();
      stopping.join(TimeUnit.SECONDS.toMillis(30));
      assertFalse(stopping.isAlive());
      assertTrue(finished.get(), "the stop returned before the event was processed");
    } finally {
      release.countDown();
      fixture.close();
    }
  }
}
