package dev.patchbay.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.testing.MutableClock;
import dev.patchbay.engine.webhooks.DeliveryRefusedException;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventRecord;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.ReceivedEvent;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook inbox's events on PostgreSQL, each {@link PostgresEventStore} standing for one replica with its own
 * pool: keys shared across replicas, claims exclusive until their lease runs out, bodies sealed, outcomes recorded
 * only by the claim's holder.
 */
class PostgresEventStoreTest {

  static final String DOWNLOAD_TOKEN = "canary-download-token-7Qx2";
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock(NOW);
  final String url = PostgresServer.get().createDatabase();
  final List<SharedStore> opened = new ArrayList<>();
  final List<PostgresEventStore> replicas = new ArrayList<>();

  @AfterEach
  void close() throws InterruptedException {
    for (PostgresEventStore replica : replicas) {
      replica.stop(Duration.ZERO);
    }
    opened.forEach(SharedStore::close);
  }

  PostgresEventStore replica(WebhookSettings settings) throws Exception {
    SharedStore store = StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url)));
    opened.add(store);
    PostgresEventStore replica = (PostgresEventStore) store.webhookEvents(
        new SealedFiles(MasterKey.fromBase64(StoreKind.MASTER_KEY, "test")), settings, clock);
    replicas.add(replica);
    return replica;
  }

  PostgresEventStore replica() throws Exception {
    return replica(WebhookSettings.defaults().withLease(LEASE));
  }

  static ReceivedEvent event(String id, String deliveryKey) {
    return new ReceivedEvent(id, "zoom", new WebhookEvent("recording.completed", "acct-1", deliveryKey,
        NOW.minusSeconds(5), Json.MAPPER.readTree("{\"event\":\"recording.completed\",\"download_token\":\""
            + DOWNLOAD_TOKEN + "\",\"payload\":{\"object\":{\"id\":7}}}")), NOW);
  }

  @Test
  void oneDeliveryReceivedByTwoReplicasIsKeptOnceAndItsRetryCounted() throws Exception {
    PostgresEventStore a = replica();
    PostgresEventStore b = replica();
    assertEquals(Optional.empty(), a.admit(event("e1", "k1"), "sig-1", "k1"));
    assertEquals(Optional.of("e1"), b.admit(event("e2", "k1"), "sig-2", "k1"), "the same delivery key, signed anew");
    assertEquals(Optional.of("e1"), b.admit(event("e3", "k9"), "sig-1", "k9"), "the same signature, a replay");

    assertEquals(List.of("e1"), b.events().stream().map(EventRecord::id).toList(), "one event, seen by both");
    EventRecord record = a.event("e1").orElseThrow();
    assertEquals(2, record.retries());
    assertEquals(EventStatus.QUEUED, record.status());
    assertEquals("recording.completed", record.type());
  }

  @Test
  void copiesRacingIntoReplicasAreKeptOnce() throws Exception {
    List<PostgresEventStore> stores = List.of(replica(), replica(), replica(), replica());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(stores.size());
    try {
      List<Future<Optional<String>>> answers = new ArrayList<>();
      for (int i = 0; i < stores.size(); i++) {
        PostgresEventStore store = stores.get(i);
        String id = "race-" + i;
        answers.add(threads.submit(() -> {
          go.await();
          return store.admit(event(id, "same"), "sig-" + id, "same");
        }));
      }
      go.countDown();
      List<Optional<String>> results = new ArrayList<>();
      for (Future<Optional<String>> answer : answers) {
        results.add(answer.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, results.stream().filter(Optional::isEmpty).count(), results.toString());
      assertEquals(1, stores.get(0).events().size());
      String kept = stores.get(0).events().get(0).id();
      assertTrue(results.stream().filter(Optional::isPresent).allMatch(r -> r.get().equals(kept)), results.toString());
      assertEquals(3, stores.get(0).event(kept).orElseThrow().retries());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aClaimIsExclusiveUntilItsLeaseRunsOutThenAnotherReplicaTakesTheEvent() throws Exception {
    PostgresEventStore a = replica();
    PostgresEventStore b = replica();
    a.admit(event("e1", "k1"), "sig-1", "k1");

    ReceivedEvent claimed = a.claim().orElseThrow();
    assertEquals("e1", claimed.id());
    assertEquals(DOWNLOAD_TOKEN, claimed.event().body().path("download_token").asString(), "opened again");
    assertEquals(Optional.empty(), b.claim(), "claimed by a, whose lease holds");
    assertEquals(EventStatus.PROCESSING, b.event("e1").orElseThrow().status());

    clock.advance(LEASE.minusSeconds(1));
    a.renewAndForget();
    clock.advance(Duration.ofSeconds(2));
    assertEquals(Optional.empty(), b.claim(), "a renewed its claim while processing");

    // a dies: nothing renews its claim any more.
    clock.advance(LEASE.plusSeconds(1));
    assertEquals("e1", b.claim().orElseThrow().id(), "the lease ran out: b takes the event");
    assertTrue(b.finish("e1", new EventOutcome(EventStatus.PROCESSED, null, List.of("run-1"))));
    assertFalse(a.finish("e1", EventOutcome.of(EventStatus.FAILED, "late")), "a's claim is gone");

    EventRecord record = a.event("e1").orElseThrow();
    assertEquals(EventStatus.PROCESSED, record.status());
    assertEquals(List.of("run-1"), record.runIds());
    assertEquals(Optional.empty(), a.claim(), "a processed event is not claimed again");
  }

  @Test
  void eventsAreClaimedOldestFirstAndEachOnce() throws Exception {
    PostgresEventStore a = replica();
    PostgresEventStore b = replica();
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMillis(1));
      ReceivedEvent event = event("e" + i, "k" + i);
      a.admit(new ReceivedEvent(event.id(), event.connectorId(), event.event(), clock.instant()), "sig-" + i,
          "k" + i);
    }
    assertEquals("e0", a.claim().orElseThrow().id());
    ConcurrentLinkedQueue<String> claims = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (PostgresEventStore replica : List.of(a, b, a, b)) {
        done.add(threads.submit(() -> {
          Optional<ReceivedEvent> claimed;
          while ((claimed = replica.claim()).isPresent()) {
            claims.add(claimed.get().id());
          }
          return null;
        }));
      }
      for (Future<?> finished : done) {
        finished.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(19, claims.size(), claims.toString());
    assertEquals(19, claims.stream().distinct().count(), "no event claimed twice: " + claims);
  }

  @Test
  void workersProcessWhatAnyReplicaKeptAndRecordTheOutcome() throws Exception {
    PostgresEventStore a = replica();
    PostgresEventStore b = replica();
    ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
    b.start(event -> {
      processed.add(event.id() + " " + event.event().body().path("download_token").asString());
      return new EventOutcome(EventStatus.PROCESSED, null, List.of("run-" + event.id()));
    });
    a.admit(event("e1", "k1"), "sig-1", "k1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (a.event("e1").orElseThrow().status() != EventStatus.PROCESSED && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(EventStatus.PROCESSED, a.event("e1").orElseThrow().status());
    assertEquals(List.of("e1 " + DOWNLOAD_TOKEN), List.copyOf(processed));
    assertEquals(List.of("run-e1"), a.event("e1").orElseThrow().runIds());
  }

  @Test
  void aFullQueueRefusesAndTheRefusedDeliveryIsTakenWhenSentAgain() throws Exception {
    PostgresEventStore a = replica(WebhookSettings.defaults().withQueue(1, 1).withLease(LEASE));
    a.admit(event("e1", "k1"), "sig-1", "k1");
    DeliveryRefusedException e = assertThrows(DeliveryRefusedException.class,
        () -> a.admit(event("e2", "k2"), "sig-2", "k2"));
    assertEquals(DeliveryRefusedException.Reason.BUSY, e.reason());
    a.claim();
    assertEquals(Optional.empty(), a.admit(event("e3", "k2"), "sig-2", "k2"), "its keys were not kept");
  }

  @Test
  void expiredKeysAreTakenAgainAndForgotten() throws Exception {
    PostgresEventStore a = replica();
    a.admit(event("e1", "k1"), "sig-1", "k1");
    clock.advance(WebhookSettings.defaults().deliveriesKept().plusSeconds(1));
    assertEquals(Optional.empty(), a.admit(event("e2", "k1"), "sig-1", "k1"), "both keys expired");
    clock.advance(WebhookSettings.defaults().deliveriesKept().plusSeconds(1));
    a.renewAndForget();
    assertEquals(0, count("SELECT count(*) FROM patchbay_webhook_keys"));
  }

  @Test
  void theDatabaseHoldsNoCredentialOfAnEventBody() throws Exception {
    replica().admit(event("e1", "k1"), "sig-1", "k1");
    try (Connection session = PostgresServer.get().connect(PostgresStoreTest.database(url));
        Statement statement = session.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM patchbay_webhook_events")) {
      assertTrue(rows.next());
      for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
        Object cell = rows.getObject(column);
        String value = cell instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(cell);
        assertFalse(value.contains(DOWNLOAD_TOKEN), "column " + column + " holds the token");
        assertFalse(value.contains("payload"), "column " + column + " holds the body");
      }
    }
  }

  private long count(String sql) throws Exception {
    try (Connection session = PostgresServer.get().connect(PostgresStoreTest.database(url));
        Statement statement = session.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
