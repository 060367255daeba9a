package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.testing.FakeOAuthServer;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R11 on PostgreSQL: the database refuses to store the renewed tokens (a full disk, raised by a trigger on the real
 * server), against a token server that rotates refresh tokens and revokes the family when a spent one comes back.
 */
class SharedStoreFailureDuringRenewalTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;
  String database;

  @BeforeEach
  void setUp() throws Exception {
    String url = PostgresServer.get().createDatabase();
    database = url.substring(url.lastIndexOf('/') + 1);
    Path config = Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("store-password"), PostgresServer.PASSWORD);
    Files.writeString(config.resolve("store.properties"), "store.url = " + url + "\nstore.passwordFile = "
        + home.resolve("store-password") + "\n");
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void renewedTokensTheDatabaseRefusedAreKeptAndStoredOnceItTakesThem() throws Exception {
    Connections connections = fixture.connections();
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();
    fixture.clock.advance(Duration.ofMinutes(59));
    PostgresServer.get().execute(database, """
        CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';
        END $$;
        CREATE TRIGGER full_disk BEFORE UPDATE OF sealed ON patchbay_connections
          FOR EACH ROW EXECUTE FUNCTION full_disk();""");

    ConnectorException e = assertThrows(ConnectorException.class, tokens::current);

    assertInstanceOf(StoreUnavailableException.class, e, e.toString());
    assertTrue(e.getMessage().startsWith("the store failed while renewing the access token of connection 'work' "
        + "(the provider renewed the tokens): "), e.getMessage());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertFalse(e.getMessage().contains(FakeOAuthServer.CANARY) || e.getMessage().contains(PostgresServer.PASSWORD),
        e.getMessage());
    assertEquals(ConnectionStatus.ACTIVE, fixture.connections().get("work").status(), "nothing to reconnect");

    PostgresServer.get().execute(database, "DROP TRIGGER full_disk ON patchbay_connections");
    Secret renewed = tokens.current();

    fixture.assertKeptTokensStored(connection, first, renewed);
  }
}
