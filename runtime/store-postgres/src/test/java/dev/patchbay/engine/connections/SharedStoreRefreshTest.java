package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.FakeOAuthServer;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs sharing one connection in PostgreSQL, against a token server that rotates the refresh token on every
 * use and revokes the whole family when one is used twice: one refresh per expiry whatever the number of
 * processes, and a refresher killed with SIGKILL at any point leaves a connection that works or honestly needs
 * reconnecting.
 */
class SharedStoreRefreshTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    String url = PostgresServer.get().createDatabase();
    Path config = Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("store-password"), PostgresServer.PASSWORD);
    Files.writeString(config.resolve("store.properties"), "store.url = " + url + "\nstore.passwordFile = "
        + home.resolve("store-password") + "\n");
    fixture = new ConnectionsFixture(home, new FakeOAuthServer().expiresIn(3));
    fixture.connections().add(fixture.oauth("shared"), fixture.browser());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void fourProcessesAcrossThreeExpiriesRefreshExactlyOncePerExpiry() throws Exception {
    long initial = fixture.connections().list().connections().get(0).credentials().generation();
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      workers.add(RefreshWorker.start(home, "expiries", "shared", String.valueOf(initial + 3)));
    }
    for (Process worker : workers) {
      awaitReady(worker);
    }
    for (Process worker : workers) {
      try (OutputStream go = worker.getOutputStream()) {
        go.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    for (Process worker : workers) {
      assertEquals(0, RefreshWorker.finish(worker),
          "a worker failed: " + new String(worker.getInputStream().readAllBytes()));
    }

    assertEquals(3, fixture.server.refreshCount(), "one refresh per expiry, by one of the four processes");
    Connections connections = fixture.connections();
    assertEquals(ConnectionStatus.ACTIVE, connections.get("shared").status());
    assertEquals(fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1"),
        connections.list().connections().get(0).credentials().refreshToken().reveal(),
        "the store holds the last refresh token issued: none was used twice, or the family would be revoked");
  }

  @Test
  void aRefresherKilledAtAnyPointLeavesAWorkingOrAnHonestlyBrokenConnection() throws Exception {
    fixture.server.refreshDelayMillis(40);
    Random random = new Random(14);
    int working = 0;
    for (int round = 0; round < 20; round++) {
      Process worker = RefreshWorker.start(home, "race", "shared", "1000");
      awaitReady(worker);
      // The refreshes take 40 ms or more each: a kill lands before, inside or after one.
      Thread.sleep(random.nextInt(300));
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      Connections connections = fixture.connections();
      Connection connection = connections.get("shared");
      try {
        Secret token = connections.tokens(connection).refreshAfterRejection(connections.tokens(connection).current());
        assertFalse(fixture.server.isRevoked(token.reveal()), "a token handed out works at the provider");
        assertEquals(ConnectionStatus.ACTIVE, connections.get("shared").status());
        working++;
      } catch (ConnectorException e) {
        assertEquals(ErrorCode.NEEDS_REAUTH, e.code(), e.getMessage());
        Connection after = connections.get("shared");
        assertEquals(ConnectionStatus.NEEDS_REAUTH, after.status());
        assertEquals(ConnectionTokens.REFRESH_RESPONSE_LOST, after.statusReason(),
            "only an answer lost with the killed process may break the connection, and it says so");
        connections.remove("shared");
        connections.add(fixture.oauth("shared"), fixture.browser());
      }
    }
    assertTrue(working > 0, "some kills landed outside a refresh's answer");
  }

  private static void awaitReady(Process worker) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      if (line.equals("ready")) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("worker ended before it was ready: " + seen);
  }
}
