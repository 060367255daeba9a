package dev.patchbay.store.postgres;

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
import dev.patchbay.engine.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  static StoredConnection connection(String id, String name) {
    Connection connection = new Connection(id, name, "zoom", "oauth", Set.of("meeting:read"),
        new ConnectionIdentity("acct", "user", "User", "user@example.test"), "https://api.example.test/v2",
        "https://example.test/oauth/authorize", "https://example.test/oauth/token", null, Map.of("clientId", "abc"),
        ConnectionStatus.ACTIVE, null, Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"));
    return new StoredConnection(connection, new Credentials(Secret.of(CANARY + "-client"),
        Secret.of(CANARY + "-access"), Instant.parse("2026-12-01T11:00:00Z"), Secret.of(CANARY + "-refresh"), 0));
  }
}
