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
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store failing while a token is renewed (R11), against a provider that rotates the refresh token on every
 * renewal and revokes the family when a spent one comes back: a store failure, never a reason to reconnect; the
 * connection's status as it was; and a renewed refresh token the store failed to keep is never lost while the
 * process runs.
 */
class StoreFailureDuringRenewalTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;
  FailingStore store;
  Connections connections;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    store = new FailingStore(ConnectionsFixture.storeOf(home));
    connections = fixture.connections(store);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** The token's hour passes and the store refuses writes: the provider renews (rotates), the store keeps nothing. */
  private ConnectorException renewalTheStoreFailsToKeep(AccessTokens tokens) {
    fixture.clock.advance(Duration.ofMinutes(59));
    store.failWrites = true;
    return assertThrows(ConnectorException.class, tokens::current);
  }

  @Test
  void renewedTokensTheStoreFailedToKeepAreKeptAndStoredAtTheNextUse() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();

    ConnectorException e = renewalTheStoreFailsToKeep(tokens);

    assertInstanceOf(StoreUnavailableException.class, e, e.toString());
    assertEquals("the store failed while renewing the access token of connection 'work' (the provider renewed the "
        + "tokens): cannot write connection " + connection.id() + ": " + FailingStore.FAILURE + ". The refresh token "
        + "the store holds is spent: the new tokens are kept in this process's memory and stored at the connection's "
        + "next use in it, before anything else, or as the process ends; if the store still fails then, the "
        + "connection will need reconnecting.", e.getMessage());
    assertFalse(e.getMessage().contains(FakeOAuthServer.CANARY), e.getMessage());
    assertEquals(1, fixture.server.refreshCount());
    assertEquals(ConnectionStatus.ACTIVE, fixture.connections().get("work").status(), "nothing to reconnect");
    assertThrows(StoreUnavailableException.class, tokens::current, "still failing: still a store failure");
    assertEquals(1, fixture.server.refreshCount(), "the spent refresh token is not sent again");

    store.failWrites = false;
    Secret renewed = tokens.current();

    fixture.assertKeptTokensStored(connection, first, renewed);
  }

  /** A single command ends right after the failure: the kept tokens are stored as its runtime closes. */
  @Test
  void renewedTokensTheStoreFailedToKeepAreStoredAsTheProcessEnds() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();
    renewalTheStoreFailsToKeep(tokens);
    store.failWrites = false;

    connections.storeKeptTokens();

    Secret stored = fixture.connections().list().connections().get(0).credentials().accessToken();
    fixture.assertKeptTokensStored(connection, first, stored);
  }

  /** Still failing as the process ends: nothing is renewed again, and the connection's status is left as it was. */
  @Test
  void keptTokensAStoreStillRefusesAsTheProcessEndsLeaveTheConnectionAsItWas() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    tokens.current();
    renewalTheStoreFailsToKeep(tokens);

    connections.storeKeptTokens();

    assertEquals(1, fixture.server.refreshCount(), "nothing renewed again");
    assertEquals(ConnectionStatus.ACTIVE, fixture.connections().get("work").status());
  }

  @Test
  void aConnectionTheStoreCannotReadIsAStoreFailureAndNothingIsSent() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    fixture.clock.advance(Duration.ofMinutes(59));
    store.failReads = true;

    ConnectorException renewing = assertThrows(ConnectorException.class, tokens::current);
    ConnectorException looking = assertThrows(ConnectorException.class,
        () -> fixture.connections(store).tokens(connection));

    assertInstanceOf(StoreUnavailableException.class, renewing, renewing.toString());
    assertTrue(renewing.getMessage().startsWith("the store failed while renewing the access token of connection "
        + "'work' (nothing was sent to the provider): cannot read connection "), renewing.getMessage());
    assertTrue(renewing.getMessage().endsWith(". The connection was left as it was; try again once the store "
        + "works."), renewing.getMessage());
    assertInstanceOf(StoreUnavailableException.class, looking, looking.toString());
    assertEquals(0, fixture.server.refreshCount());
    store.failReads = false;
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());
    tokens.current();
    assertEquals(1, fixture.server.refreshCount());
  }
}
