package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened with the wrong master key: the connections are there, and the error says so. */
class WrongMasterKeyTest {

  private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path home;

  ConnectionsFixture fixture;
  Connections withOtherKey;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    fixture.connections().add(fixture.oauth("zoom-local"), fixture.browser());
    withOtherKey = ConnectionsFixture.connectionsOver(home, fixture.runtime.catalog(), fixture.http, fixture.clock,
        (connection, tokens) -> {
          throw new IllegalStateException("never connects");
        }, OTHER_KEY);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aConnectionUnderAnotherKeyIsNotReportedMissing() throws Exception {
    String rightId = MasterKey.fromBase64(ConnectionsFixture.MASTER_KEY, "t").id();
    String otherId = MasterKey.fromBase64(OTHER_KEY, "t").id();

    ConnectorException e = assertThrows(ConnectorException.class, () -> withOtherKey.get("zoom-local"));

    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("1 connection was encrypted with master key " + rightId + ", which is not the current key ("
        + otherId + ", from test), so it cannot be opened or found by name: set PATCHBAY_MASTER_KEY to the key "
        + "it was written with", e.getMessage());
  }

  @Test
  void theListingSaysWhichKeysTheUnreadableConnectionsNeed() throws Exception {
    ConnectionStore.Listing listing = withOtherKey.list();

    assertEquals(List.of(), listing.connections());
    String id = fixture.connections().list().connections().get(0).id();
    assertEquals(Map.of(id, MasterKey.fromBase64(ConnectionsFixture.MASTER_KEY, "t").id()), listing.otherKeyIds());
    assertEquals(ErrorCode.PERMISSION_DENIED, withOtherKey.otherKeys(listing).orElseThrow().code());
  }

  @Test
  void aNameThatIsNowhereIsStillNotFound() throws Exception {
    fixture.connections().remove("zoom-local");

    assertEquals(ErrorCode.NOT_FOUND, assertThrows(ConnectorException.class, () -> withOtherKey.get("zoom-local"))
        .code());
  }
}
