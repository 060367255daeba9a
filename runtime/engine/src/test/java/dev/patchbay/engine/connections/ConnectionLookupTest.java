package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding a connection by name, which every activity run by connection name does: an unchanged file is not
 * decrypted again, whatever another process changed is seen on the next lookup, and a file changed by hand once its
 * stamp is checked, a second later.
 */
class ConnectionLookupTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;
  Connections connections;
  Connection added;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    connections = fixture.connections();
    added = connections.add(fixture.serverToServer("s2s"), fixture.browser());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void anUnchangedFileIsNotDecryptedAgain() throws Exception {
    assertEquals(added, connections.get("s2s"));
    Path file = connectionFile();
    FileTime modified = Files.getLastModifiedTime(file);
    // Same inode, size and time, other bytes: only a lookup that reads the file again can notice.
    byte[] garbage = new byte[(int) Files.size(file)];
    Arrays.fill(garbage, (byte) 'x');
    Files.write(file, garbage, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    Files.setLastModifiedTime(file, modified);

    assertEquals(added, connections.get("s2s"));
    ConnectorException unreadable = assertThrows(ConnectorException.class, () -> fixture.connections().get("s2s"));
    assertEquals(ErrorCode.NOT_FOUND, unreadable.code(), "a fresh process cannot decrypt the garbage");
  }

  @Test
  void aStatusChangedByAnotherProcessIsSeen() throws Exception {
    assertEquals(ConnectionStatus.ACTIVE, connections.get("s2s").status());
    ConnectionStore otherProcess = store();
    StoredConnection stored = otherProcess.read(added.id());
    otherProcess.write(stored.with(stored.connection().withStatus(ConnectionStatus.NEEDS_REAUTH, "revoked by an admin")));

    Connection seen = connections.get("s2s");

    assertEquals(ConnectionStatus.NEEDS_REAUTH, seen.status());
    assertEquals("revoked by an admin", seen.statusReason());
  }

  @Test
  void aConnectionRemovedAndAddedAgainByAnotherProcessIsTheNewOne() throws Exception {
    connections.get("s2s");
    Connections otherProcess = fixture.connections();
    otherProcess.remove("s2s");

    ConnectorException gone = assertThrows(ConnectorException.class, () -> connections.get("s2s"));
    assertEquals(ErrorCode.NOT_FOUND, gone.code());
    assertEquals("no connection named 's2s' (patchbay connections list shows them)", gone.getMessage());

    Connection again = otherProcess.add(fixture.serverToServer("s2s"), fixture.browser());
    assertNotEquals(added.id(), again.id());
    assertEquals(again, connections.get("s2s"));
  }

  @Test
  void aFileChangedByHandIsSeenOnceItsStampIsCheckedASecondLater() throws Exception {
    AtomicLong now = new AtomicLong();
    ConnectionStore store = store(now::get);
    assertEquals(Optional.of(added), store.describe("s2s"));
    // Not through a store, so no process counted the change: only the file's stamp can show it.
    Files.delete(connectionFile());

    assertEquals(Optional.of(added), store.describe("s2s"), "the count stood still and the stamp is fresh");
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertEquals(Optional.empty(), store.describe("s2s"));
  }

  @Test
  void aCountFileReplacedIsMappedAgainAtTheNextStampCheck() throws Exception {
    AtomicLong now = new AtomicLong();
    ConnectionStore store = store(now::get);
    assertEquals(Optional.of(added), store.describe("s2s"));
    Files.delete(home.resolve("connections").resolve(".changes"));
    ConnectionStore otherProcess = store();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertEquals(Optional.of(added), store.describe("s2s"), "checked: unchanged, and the new count file mapped");

    StoredConnection stored = otherProcess.read(added.id());
    otherProcess.write(stored.with(stored.connection().withStatus(ConnectionStatus.NEEDS_REAUTH, "revoked")));

    assertEquals(ConnectionStatus.NEEDS_REAUTH, store.describe("s2s").orElseThrow().status(),
        "seen at once, within the same second, through the count file the other process made");
  }

  @Test
  void everyChangeThroughAStoreIsCountedForTheOtherProcesses() throws Exception {
    Path count = home.resolve("connections").resolve(".changes");
    long before = countIn(count);
    StoredConnection stored = store().read(added.id());

    store().write(stored.with(stored.connection().withStatus(ConnectionStatus.NEEDS_REAUTH, "revoked")));
    connections.remove("s2s");

    assertEquals(before + 2, countIn(count));
    assertEquals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(count), "only the owner may change what every process trusts");
  }

  private static long countIn(Path count) throws Exception {
    return ByteBuffer.wrap(Files.readAllBytes(count)).order(ByteOrder.nativeOrder()).getLong();
  }

  private Path connectionFile() {
    return home.resolve("connections").resolve(added.id() + ".conn");
  }

  private ConnectionStore store() throws Exception {
    return store(System::nanoTime);
  }

  private ConnectionStore store(LongSupplier nanoTime) throws Exception {
    return new ConnectionStore(home.resolve("connections"),
        new SealedFiles(MasterKey.fromBase64(ConnectionsFixture.MASTER_KEY, "test")), nanoTime);
  }
}
