package dev.patchbay.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the PostgreSQL store has to show: what a dump of its tables holds, stale writes refused by version, and
 * every way opening it can go wrong, each refused with what to fix before anything is written.
 */
class PostgresStoreTest {

  @TempDir
  Path home;

  final PostgresServer server = PostgresServer.get();

  @Test
  void theDatabaseHoldsNoCredentialAndARowCopiedToAnotherIdDoesNotOpen() throws Exception {
    try (StoreKind.Opened store = StoreKind.POSTGRESQL.open(home)) {
      StoredConnections connections = store.process().connections();
      connections.write(StoreContractTest.connection("c0000000-work", "work"));
      store.process().webhookSecrets().set("zoom", dev.patchbay.engine.secrets.Secret.of(StoreContractTest.CANARY));

      String dump = dump(store.url);
      assertFalse(dump.contains(StoreContractTest.CANARY), "no credential in plaintext anywhere in the tables");
      assertFalse(dump.contains("meeting:read"), "nothing of the connection but its id and name is readable");

      String database = database(store.url);
      server.execute(database, "INSERT INTO patchbay_connections (id, name, sealed, version) "
          + "SELECT 'c0000000-copy', 'copy', sealed, 1 FROM patchbay_connections WHERE id = 'c0000000-work'");
      StoreException e = assertThrows(StoreException.class, () -> connections.read("c0000000-copy"));
      assertTrue(e.getMessage().contains("failed its integrity check"), e.getMessage());
      assertEquals(1, connections.list().problems().size());
    }
  }

  @Test
  void aWriteBasedOnAStaleReadIsRefusedAndChangesNothing() throws Exception {
    try (StoreKind.Opened store = StoreKind.POSTGRESQL.open(home)) {
      StoredConnections first = store.process().connections();
      StoredConnections second = store.process().connections();
      StoredConnection stored = StoreContractTest.connection("c0000000-work", "work");
      first.write(stored);
      StoredConnection seenByFirst = first.read(stored.id());
      StoredConnection seenBySecond = second.read(stored.id());
      second.write(seenBySecond.with(seenBySecond.connection().withStatus(
          dev.patchbay.engine.connections.ConnectionStatus.NEEDS_REAUTH, "revoked")));

      StoreException e = assertThrows(StoreException.class, () -> first.write(seenByFirst));
      assertTrue(e.getMessage().contains("changed or removed by another process"), e.getMessage());
      assertEquals("revoked", first.read(stored.id()).connection().statusReason());
      assertEquals(2, version(store.url, stored.id()),
          "the insert and the second's write; the refused one raised nothing");
    }
  }

  @Test
  void aWrongPasswordIsRefusedNamingWhereToSetIt() {
    String url = server.createDatabase();
    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
        () -> StoreSelection.open(StoreSelection.location(url, "test", Map.of("PATCHBAY_STORE_PASSWORD", "wrong"))));
    assertTrue(e.getMessage().contains("refused user 'patchbay'"), e.getMessage());
    assertTrue(e.getMessage().contains("PATCHBAY_STORE_PASSWORD"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), "the password is never repeated");
  }

  @Test
  void anUnreachableServerAndAMissingDatabaseAreNamed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "postgresql://patchbay@127.0.0.1:" + closedPort + "/patchbay";
    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
        () -> StoreSelection.open(StoreSelection.location(unreachable, "test", PostgresServer.environment(unreachable))));
    assertTrue(e.getMessage().startsWith("cannot reach PostgreSQL at " + unreachable), e.getMessage());
    assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());

    String missing = server.url("nosuchdb");
    e = assertThrows(StoreUnavailableException.class,
        () -> StoreSelection.open(StoreSelection.location(missing, "test", PostgresServer.environment(missing))));
    assertTrue(e.getMessage().contains("has no such database"), e.getMessage());
  }

  @Test
  void aReadOnlyDatabaseIsRefusedBeforeAnythingIsWritten() throws Exception {
    String url = server.createDatabase();
    server.execute("postgres", "ALTER DATABASE " + database(url) + " SET default_transaction_read_only = on");
    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
        () -> StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url))));
    assertTrue(e.getMessage().contains("is read-only"), e.getMessage());
    assertTrue(e.getMessage().contains("writable primary"), e.getMessage());
    assertEquals(0, tables(url), "not even the schema history was created");
  }

  @Test
  void aSchemaANewerPatchbayMigratedIsLeftAloneAndRefused() throws Exception {
    String url = server.createDatabase();
    StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url))).close();
    server.execute(database(url), "INSERT INTO " + Schema.HISTORY_TABLE + " (installed_rank, version, description, "
        + "type, script, checksum, installed_by, execution_time, success) VALUES (100, '99', 'from the future', "
        + "'SQL', 'V99__from_the_future.sql', 0, 'patchbay', 1, true)");

    StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
        () -> StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url))));
    assertTrue(e.getMessage().contains("has schema version 99, newer than this Patchbay knows (4)"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade this one"), e.getMessage());
  }

  @Test
  void aUrlWithAPasswordOrAnotherSchemeIsRefusedAndTheConfigFileIsRead() throws Exception {
    StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> StoreSelection.configured(
        Map.of("PATCHBAY_STORE", "postgresql://patchbay:hunter2@db/patchbay"), new PatchbayHome(home)));
    assertTrue(e.getMessage().contains("holds a password"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
    e = assertThrows(StoreUnavailableException.class, () -> StoreSelection.configured(
        Map.of("PATCHBAY_STORE", "postgresql://db/patchbay?password=hunter2"), new PatchbayHome(home)));
    assertFalse(e.getMessage().contains("hunter2"));
    e = assertThrows(StoreUnavailableException.class, () -> StoreSelection.configured(
        Map.of("PATCHBAY_STORE", "mysql://db/patchbay"), new PatchbayHome(home)));
    assertTrue(e.getMessage().contains("postgresql://USER@HOST:PORT/DATABASE"), e.getMessage());

    Path passwordFile = Files.writeString(home.resolve("pg-password"), PostgresServer.PASSWORD + "\n");
    String url = server.createDatabase();
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/store.properties"), "store.url = " + url + "\nstore.passwordFile = "
        + passwordFile + "\n", StandardCharsets.UTF_8);
    var location = StoreSelection.configured(Map.of(), new PatchbayHome(home)).orElseThrow();
    assertEquals(url, location.toString());
    StoreSelection.open(location).close();
    assertTrue(StoreSelection.configured(new HashMap<>(), new PatchbayHome(home.resolve("elsewhere"))).isEmpty());
  }

  private String dump(String url) throws Exception {
    StringBuilder dump = new StringBuilder();
    try (Connection session = server.connect(database(url)); Statement statement = session.createStatement()) {
      for (String table : new String[] {"patchbay_connections", "patchbay_webhook_secrets"}) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          while (rows.next()) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
              Object value = rows.getObject(i);
              dump.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
              dump.append('|');
            }
          }
        }
      }
    }
    return dump.toString();
  }

  private long version(String url, String id) throws Exception {
    try (Connection session = server.connect(database(url));
        PreparedStatement statement = session.prepareStatement(
            "SELECT version FROM patchbay_connections WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private int tables(String url) throws Exception {
    try (Connection session = server.connect(database(url)); Statement statement = session.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      result.next();
      return result.getInt(1);
    }
  }

  static String database(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
