package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVMs sharing one connection store, against a server that revokes everything on refresh-token reuse. */
class CrossProcessRefreshTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    fixture.connections().add(fixture.oauth("shared"), fixture.browser());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void twoProcessesRefreshingFiftyTimesEachNeverReuseARotatedRefreshToken() throws Exception {
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      workers.add(RefreshWorker.start(home, "race", "shared", "50"));
    }
    for (Process worker : workers) {
      assertEquals(0, RefreshWorker.finish(worker),
          "a worker failed: " + new String(worker.getInputStream().readAllBytes()));
    }

    Connection connection = fixture.connections().get("shared");
    assertEquals(ConnectionStatus.ACTIVE, connection.status());
    String stored = fixture.connections().list().connections().get(0).credentials().refreshToken().reveal();
    assertEquals(fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1"), stored,
        "the store holds the last refresh token issued, and the family was never revoked");
  }

  @Test
  void aProcessHaltedBetweenTheTokenAnswerAndTheStoreWriteLeavesAReadableStoreAndAClearReason() throws Exception {
    Process worker = RefreshWorker.start(home, "halt", "shared");
    assertEquals(42, RefreshWorker.finish(worker), new String(worker.getInputStream().readAllBytes()));

    Connections connections = fixture.connections();
    Connection before = connections.get("shared");
    assertEquals(ConnectionStatus.ACTIVE, before.status(), "the store is readable and still as it was");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.tokens(before).refreshAfterRejection(connections.tokens(before).current()));

    assertEquals(ErrorCode.NEEDS_REAUTH, e.code());
    Connection after = connections.get("shared");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, after.status());
    assertEquals(ConnectionTokens.REFRESH_RESPONSE_LOST, after.statusReason());
    assertFalse(after.statusReason().contains(FakeOAuthServer.CANARY));
  }

  @Test
  void aConnectionRemovedWhileAnotherProcessRefreshesItStaysRemovedAndItsLatestTokenIsRevoked() throws Exception {
    Process worker = RefreshWorker.start(home, "hold", "shared");
    awaitFile(home.resolve("answered"), worker);
    Connections connections = fixture.connections();
    CompletableFuture<String> removal = new CompletableFuture<>();
    Thread remover = new Thread(() -> {
      try {
        removal.complete(connections.remove("shared"));
      } catch (Exception | Error e) {
        removal.completeExceptionally(e);
      }
    }, "remover");
    remover.start();
    // Until the refresher has stored its answer, the removal must wait for the connection's lock.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!removal.isDone() && !waitsForAFileLock(remover)) {
      assertTrue(System.nanoTime() < deadline, "the removal neither finished nor waited for the connection's lock");
      Thread.sleep(10);
    }
    Files.writeString(home.resolve("go"), "");

    assertEquals(0, RefreshWorker.finish(worker), new String(worker.getInputStream().readAllBytes()));
    assertEquals("revoked at the provider", removal.get(60, TimeUnit.SECONDS));
    assertEquals(List.of(), fixture.connections().list().connections(), "the refresh wrote it back");
    assertEquals(null, fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1"),
        "the refresh token the refresher stored was revoked");
    try (Stream<Path> left = Files.list(home.resolve("connections"))) {
      // The store's change count stays: it belongs to the store, not to a connection.
      assertEquals(List.of(".changes"), left.map(path -> path.getFileName().toString()).toList());
    }
  }

  private static boolean waitsForAFileLock(Thread thread) {
    return Stream.of(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("lock")
        && frame.getClassName().startsWith("sun.nio.ch.FileChannelImpl"));
  }

  private static void awaitFile(Path file, Process worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (!worker.isAlive() || System.nanoTime() > deadline) {
        worker.destroyForcibly();
        throw new AssertionError("the worker never got its token answer: "
            + new String(worker.getInputStream().readAllBytes()));
      }
      Thread.sleep(10);
    }
  }
}
