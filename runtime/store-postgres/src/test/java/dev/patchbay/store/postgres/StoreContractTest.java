package dev.patchbay.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.connections.Credentials;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.DrivenChange;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every store promises the engine, run against the files under a home and against PostgreSQL. A second
 * opening of the same store stands in for a second process.
 */
class StoreContractTest {

  static final String CANARY = "canary-7f3e-secret";

  @TempDir
  Path home;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aConnectionWrittenIsReadBackWholeByItsIdAndNameAndListed(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections connections = store.process().connections();
      StoredConnection zeta = connection("c0000000-zeta", "zeta");
      StoredConnection alpha = connection("c0000000-alpha", "alpha");
      connections.write(zeta);
      connections.write(alpha);

      assertEquals(zeta, connections.read(zeta.id()));
      assertEquals(alpha, connections.findByName("alpha").orElseThrow());
      assertEquals(alpha.connection(), connections.describe("alpha").orElseThrow());
      assertEquals(List.of(alpha, zeta), store.process().connections().list().connections(),
          "listed by name, as another process sees them");
      assertTrue(connections.findByName("nobody").isEmpty());
      assertThrows(StoreException.class, () -> connections.read("c0000000-nobody"));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void anotherProcessSeesAChangeAndARemoval(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections first = store.process().connections();
      StoredConnections second = store.process().connections();
      StoredConnection stored = connection("c0000000-work", "work");
      first.write(stored);
      assertEquals(ConnectionStatus.ACTIVE, second.describe("work").orElseThrow().status());

      StoredConnection marked = first.read(stored.id())
          .with(stored.connection().withStatus(ConnectionStatus.NEEDS_REAUTH, "revoked"));
      first.write(marked);
      assertEquals(ConnectionStatus.NEEDS_REAUTH, second.describe("work").orElseThrow().status(),
          "a description remembered from before is not served once the store changed");

      first.locked(stored.id(), () -> {
        first.delete(stored.id());
        return null;
      });
      assertTrue(second.describe("work").isEmpty());
      assertTrue(second.list().connections().isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aConnectionsRateLimitsAreKeptWithItAndSeenByAnotherProcess(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections first = store.process().connections();
      StoredConnections second = store.process().connections();
      StoredConnection stored = connection("c0000000-work", "work");
      first.write(stored);
      assertEquals(Map.of(), second.describe("work").orElseThrow().rateLimits());

      Map<String, RateLimit> limits = Map.of("light", RateLimit.perSecond(80), "heavy", RateLimit.parse("30000/day"));
      first.write(first.read(stored.id()).with(stored.connection().withRateLimits(limits)));
      assertEquals(limits, second.describe("work").orElseThrow().rateLimits());
      assertEquals(limits, second.read(stored.id()).connection().rateLimits());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theRefreshJournalIsSharedAndSurvivesTheProcessThatWroteIt(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections first = store.process().connections();
      StoredConnection stored = connection("c0000000-work", "work");
      first.write(stored);
      assertFalse(first.refreshWasInFlight(stored.id()));

      first.markRefreshInFlight(stored.id());
      StoredConnections later = store.process().connections();
      assertTrue(later.refreshWasInFlight(stored.id()));
      later.clearRefreshInFlight(stored.id());
      assertFalse(first.refreshWasInFlight(stored.id()));
      assertEquals(stored, later.read(stored.id()), "the journal leaves the connection as it was");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theLockOfAConnectionIsHeldByOneThreadOfOneProcessAtATime(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections first = store.process().connections();
      // The JVM holds one OS file lock per file: two file stores in one JVM are not two processes (child JVMs
      // share one in CrossProcessRefreshTest), so here the file store's threads share one store.
      List<StoredConnections> processes = List.of(first,
          kind == StoreKind.FILES ? first : store.process().connections());
      StoredConnection stored = connection("c0000000-work", "work");
      processes.get(0).write(stored);
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      AtomicInteger rounds = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          StoredConnections process = processes.get(t % 2);
          done.add(threads.submit(() -> {
            for (int i = 0; i < 25; i++) {
              process.locked(stored.id(), () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                // Read, change, write: what a refresh does under the lock; a lost update would show in the count.
                StoredConnection latest = process.read(stored.id());
                process.write(latest.with(new Credentials(null, latest.credentials().accessToken(), null, null,
                    latest.credentials().generation() + 1)));
                rounds.incrementAndGet();
                inside.decrementAndGet();
                return null;
              });
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(1, most.get(), "never two holders at once");
      assertEquals(200, processes.get(1).read(stored.id()).credentials().generation(),
          "every read-change-write under the lock saw the one before it");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void webhookSecretsAreSetReadReplacedAndRemoved(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      var first = store.process().webhookSecrets();
      var second = store.process().webhookSecrets();
      assertTrue(second.get("zoom").isEmpty());
      first.set("zoom", Secret.of(CANARY + "-1"));
      assertEquals(Secret.of(CANARY + "-1"), second.get("zoom").orElseThrow());
      second.set("zoom", Secret.of(CANARY + "-2"));
      assertEquals(Secret.of(CANARY + "-2"), first.get("zoom").orElseThrow());
      assertTrue(first.get("other").isEmpty());
      assertTrue(second.remove("zoom"));
      assertFalse(first.remove("zoom"));
      assertTrue(first.get("zoom").isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void runsSavedByOneProcessAreFoundByAnotherAndListedNewestFirstInPages(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      RunRecords first = store.process().runs();
      List<RunRecord> saved = new ArrayList<>();
      for (String at : List.of("2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z", "2026-12-01T11:00:00Z")) {
        try (RunRecords.Held run = first.claim(Clock.fixed(Instant.parse(at), ZoneOffset.UTC))) {
          RunRecord record = run(run.id(), RunStatus.SUCCEEDED, Instant.parse(at));
          first.save(record);
          saved.add(record);
        }
      }
      RunRecords second = store.process().runs();

      assertEquals(List.of(saved.get(1), saved.get(2), saved.get(0)), second.list(0, 10).runs());
      assertEquals(List.of(saved.get(2)), second.list(1, 1).runs());
      assertEquals(List.of(), second.list(3, 10).runs());
      assertEquals(saved.get(0), second.find(saved.get(0).id()).orElseThrow());
      assertTrue(second.find("20261201-100000-0000").isEmpty(), "no such run");
      assertTrue(second.find("../../etc/passwd").isEmpty(), "not a run id: never looked up");
      assertTrue(second.list(0, 10).unreadable().isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aRunIsRunningWhileItsProcessHoldsItThenInterruptedAndHeldByOneProcessAtATime(StoreKind kind)
      throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      RunRecords first = store.process().runs();
      RunRecords second = store.process().runs();
      RunRecords.Held running = first.claim(Clock.systemUTC());
      String id = running.id();
      first.save(run(id, RunStatus.RUNNING, Instant.parse("2026-12-01T10:00:00Z")));

      assertEquals(RunStatus.RUNNING, second.find(id).orElseThrow().status());
      assertTrue(second.hold(id).isEmpty(), "held by the first process");
      running.close();
      assertEquals(RunStatus.INTERRUPTED, second.find(id).orElseThrow().status());
      assertEquals(RunStatus.INTERRUPTED, second.list(0, 10).runs().get(0).status());
      try (RunRecords.Held resumed = second.hold(id).orElseThrow()) {
        assertEquals(id, resumed.id());
        assertTrue(first.hold(id).isEmpty(), "now held by the second");
        assertEquals(RunStatus.RUNNING, first.find(id).orElseThrow().status());
      }
      first.hold(id).orElseThrow().close();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void processesClaimingRunsInTheSameSecondGetDifferentIdsAndUnsavedClaimsAreNotListed(StoreKind kind)
      throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      Clock sameSecond = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
      List<RunRecords> processes = List.of(store.process().runs(), store.process().runs());
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<RunRecords.Held> claims = java.util.Collections.synchronizedList(new ArrayList<>());
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          RunRecords process = processes.get(t % 2);
          done.add(threads.submit(() -> {
            for (int i = 0; i < 10; i++) {
              claims.add(process.claim(sameSecond));
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(40, claims.stream().map(RunRecords.Held::id).distinct().count());
      assertTrue(processes.get(0).list(0, 100).runs().isEmpty(), "a claim without a record is not a run yet");
      claims.forEach(RunRecords.Held::close);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void sealedResumeValuesAreKeptAsGivenAndTheStoreNeverHoldsThemInClear(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      RunRecords first = store.process().runs();
      SealedFiles sealing = new SealedFiles(MasterKey.fromBase64(StoreKind.MASTER_KEY, "test"));
      String id;
      byte[] envelope;
      try (RunRecords.Held run = first.claim(Clock.systemUTC())) {
        id = run.id();
        first.save(run(id, RunStatus.FAILED, Instant.parse("2026-12-01T10:00:00Z")));
        envelope = sealing.seal("run:" + id, ("{\"inputs\": {\"token\": \"" + CANARY + "\"}}")
            .getBytes(StandardCharsets.UTF_8));
        first.saveSealed(id, envelope);
      }
      RunRecords second = store.process().runs();

      assertArrayEquals(envelope, second.findSealed(id).orElseThrow());
      assertTrue(new String(sealing.open("test", second.findSealed(id).orElseThrow(), "run:" + id),
          StandardCharsets.UTF_8).contains(CANARY));
      assertTrue(second.findSealed("20261201-100000-0000").isEmpty());
      String dump = store.dumpRuns();
      assertTrue(dump.contains(id), "the dump holds the run");
      assertFalse(dump.contains(CANARY), "but not the sealed value in clear");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aDamagedRecordIsNamedByTheListingAndFindingItSaysWhy(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      RunRecords runs = store.process().runs();
      String damaged;
      try (RunRecords.Held run = runs.claim(Clock.systemUTC())) {
        damaged = run.id();
        runs.save(run(damaged, RunStatus.FAILED, Instant.parse("2026-12-01T10:00:00Z")));
      }
      store.damageRecord(damaged);

      assertEquals(List.of(damaged), runs.list(0, 10).unreadable());
      RunRecordsException e = assertThrows(RunRecordsException.class, () -> runs.find(damaged));
      assertTrue(e.getMessage().startsWith("the run record " + runs.location(damaged) + " is not a run record: "),
          e.getMessage());
      assertFalse(e.storeUnavailable(), "one record, not the store");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aRunDrivenElsewhereTakesNoChangeOlderThanItsLastFromAnyProcessNorOneOverItsEnd(StoreKind kind)
      throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      RunRecords first = store.process().runs();
      RunRecords second = store.process().runs();
      String id = "20261201-100000-abcd";

      assertTrue(second.saveDrivenElsewhere(change(id, 3, RunStatus.RUNNING)));
      assertFalse(first.saveDrivenElsewhere(change(id, 2, RunStatus.RUNNING)), "older than the stored one");
      assertFalse(first.saveDrivenElsewhere(change(id, 3, RunStatus.RUNNING)), "the stored one, again");
      assertEquals("change 3", first.find(id).orElseThrow().workflowName());
      assertTrue(first.saveDrivenElsewhere(change(id, 5, RunStatus.SUCCEEDED)));
      assertFalse(second.saveDrivenElsewhere(change(id, 4, RunStatus.RUNNING)), "older than the run's end");
      assertFalse(second.saveDrivenElsewhere(change(id, 6, RunStatus.RUNNING)), "reopening the ended run");
      RunRecord ended = second.find(id).orElseThrow();
      assertEquals(RunStatus.SUCCEEDED, ended.status());
      assertEquals("change 5", ended.workflowName());
      assertTrue(second.hold(id).isEmpty(), "driven elsewhere: never held here");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void changesRacingFromTwoProcessesLandOnlyOverOlderOnes(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      List<RunRecords> processes = List.of(store.process().runs(), store.process().runs());
      String id = "20261201-100000-beef";
      int writers = 4;
      int changes = 60;
      ExecutorService threads = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          // Each writer sends its share of the changes from the newest down: every write but the first few is late,
          // and the first ones race each other's reads and writes.
          done.add(threads.submit(() -> {
            for (int n = changes - writer; n >= 1; n -= writers) {
              processes.get(writer % 2).saveDrivenElsewhere(change(id, n, RunStatus.RUNNING));
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        threads.shutdownNow();
      }

      assertEquals("change " + changes, processes.get(0).find(id).orElseThrow().workflowName());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  @SuppressWarnings("try") // the outage lasts as long as its try block; nothing in it reads the handle
  void aStoreOutageIsNotAMissingConnection(StoreKind kind) throws Exception {
    try (StoreKind.Opened store = kind.open(home)) {
      StoredConnections connections = store.process().connections();
      connections.write(connection("c0000000-outage", "work"));
      // Seen by another process: a description this one read would be served for up to a second (the file
      // store's stamp check) without looking at the store, outage or not.
      assertTrue(store.process().connections().describe("work").isPresent());

      try (AutoCloseable out = store.outage()) {
        assertThrows(StoreOutageException.class, () -> connections.describe("work"));
        assertThrows(StoreOutageException.class, () -> connections.findByName("elsewhere"));
      }
      // Once back, it answers again (a pooled session the outage broke may fail one call first).
      Optional<StoredConnection> found = Optional.empty();
      for (int tries = 0; tries < 5 && found.isEmpty(); tries++) {
        try {
          found = connections.findByName("work");
        } catch (StoreOutageException brokenSession) {
          // the next try takes another session
        }
      }
      assertEquals("work", found.orElseThrow().connection().name());
    }
  }

  private static DrivenChange change(String id, long number, RunStatus status) {
    return new DrivenChange(id, number, stored -> named(id, number, status));
  }

  /** A record naming the change that made it. */
  private static RunRecord named(String id, long number, RunStatus status) {
    RunRecord run = run(id, status, Instant.parse("2026-12-01T10:00:00Z"));
    return new RunRecord(id, "change " + number, run.workflowFile(), run.workflowSha256(), status, run.startedAt(),
        run.endedAt(), List.of(), null, Map.of(), List.of(), null, null, null);
  }

  static RunRecord run(String id, RunStatus status, Instant startedAt) {
    return new RunRecord(id, "archive", "/work/archive.yaml", "0".repeat(64), status, startedAt,
        status == RunStatus.RUNNING ? null : startedAt.plusSeconds(5), List.of(), null, Map.of(), List.of(), null,
        null, null);
  }

  static StoredConnection connection(String id, String name) {
    Connection connection = new Connection(id, name, "zoom", "oauth", Set.of("meeting:read"),
        new ConnectionIdentity("acct", "user", "User", "user@example.test"), "https://api.example.test/v2",
        "https://example.test/oauth/authorize", "https://example.test/oauth/token", null, Map.of("clientId", "abc"),
        ConnectionStatus.ACTIVE, null, Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"));
    return new StoredConnection(connection, new Credentials(Secret.of(CANARY + "-client"),
        Secret.of(CANARY + "-access"), Instant.parse("2026-12-01T11:00:00Z"), Secret.of(CANARY + "-refresh"), 0));
  }
}
