package dev.patchbay.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class SealedFilesTest {

  static final String KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";
  static final byte[] CANARY = "CANARY7f3a-secret-token".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  SealedFiles sealed() throws StoreException {
    return new SealedFiles(MasterKey.fromBase64(KEY, "test"));
  }

  @Test
  void roundTripsAndNeverWritesPlaintext() throws Exception {
    Path file = folder.resolve("a.conn");
    sealed().write(file, "conn-a", CANARY);

    assertArrayEquals(CANARY, sealed().read(file, "conn-a"));
    assertFalse(Files.readString(file).contains("CANARY7f3a"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void everyWriteUsesAFreshIv() throws Exception {
    Set<String> ivs = new HashSet<>();
    Path file = folder.resolve("a.conn");
    for (int i = 0; i < 200; i++) {
      sealed().write(file, "conn-a", CANARY);
      ivs.add(Json.MAPPER.readTree(Files.readString(file)).get("iv").asString());
    }
    assertEquals(200, ivs.size());
  }

  @Test
  void aFlippedByteIsDetected() throws Exception {
    Path file = folder.resolve("a.conn");
    sealed().write(file, "conn-a", CANARY);
    ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
    byte[] ciphertext = Base64.getDecoder().decode(envelope.get("ciphertext").asString());
    ciphertext[3] ^= 1;
    envelope.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    Files.writeString(file, envelope.toString());

    StoreException e = assertThrows(StoreException.class, () -> sealed().read(file, "conn-a"));
    assertEquals(file + " failed its integrity check: it was altered, or copied from another connection's file; "
        + "restore it from a backup or remove it and reconnect", e.getMessage());
  }

  @Test
  void aFileSwappedUnderAnotherNameIsDetected() throws Exception {
    Path a = folder.resolve("a.conn");
    Path b = folder.resolve("b.conn");
    sealed().write(a, "conn-a", CANARY);
    sealed().write(b, "conn-b", "other".getBytes(StandardCharsets.UTF_8));
    Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertTrue(assertThrows(StoreException.class, () -> sealed().read(b, "conn-b")).getMessage()
        .contains("failed its integrity check"));
  }

  @Test
  void aWrongKeyIsNamedAndTheFileIsLeftAlone() throws Exception {
    Path file = folder.resolve("a.conn");
    sealed().write(file, "conn-a", CANARY);
    byte[] before = Files.readAllBytes(file);
    MasterKey other = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), "test");

    StoreException e = assertThrows(StoreException.class, () -> new SealedFiles(other).read(file, "conn-a"));

    assertEquals(file + " was encrypted with master key " + MasterKey.fromBase64(KEY, "t").id()
        + " but the current key is " + other.id() + " (from test): set PATCHBAY_MASTER_KEY to the key it was "
        + "written with",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void garbageAndNewerFormatsAreReportedNotThrown() throws Exception {
    Path file = folder.resolve("a.conn");
    Files.writeString(file, "{not json");
    assertEquals(file + " is not a Patchbay store file (damaged or replaced)",
        assertThrows(StoreException.class, () -> sealed().read(file, "conn-a")).getMessage());

    Files.writeString(file, "{\"format\":\"patchbay-sealed\",\"version\":2}");
    assertTrue(assertThrows(StoreException.class, () -> sealed().read(file, "conn-a")).getMessage()
        .contains("store format version 2"));
  }

  @Test
  void generatedKeyFileIsOwnerOnlyAndReused() throws Exception {
    Path keys = folder.resolve("keys");
    MasterKey first = MasterKey.load(Map.of(), keys);
    MasterKey second = MasterKey.load(Map.of(), keys);

    assertEquals(first.id(), second.id());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master.key"))));
    assertFalse(first.toString().contains(Files.readString(keys.resolve("master.key")).trim()));
  }

  @Test
  void keyFromTheEnvironmentWinsAndBadOnesAreExplained() throws Exception {
    assertEquals(MasterKey.fromBase64(KEY, "t").id(), MasterKey.load(Map.of(MasterKey.ENV, KEY), folder).id());
    assertFalse(Files.exists(folder.resolve("master.key")));
    assertEquals("the master key in PATCHBAY_MASTER_KEY is not base64", assertThrows(StoreException.class,
        () -> MasterKey.load(Map.of(MasterKey.ENV, "***"), folder)).getMessage());
    assertTrue(assertThrows(StoreException.class, () -> MasterKey.load(Map.of(MasterKey.ENV, "c2hvcnQ="), folder))
        .getMessage().startsWith("the master key in PATCHBAY_MASTER_KEY must be 32 bytes"));
  }

  @Test
  void aKeyFileReadableByOthersIsRefused() throws Exception {
    Path keys = folder.resolve("keys");
    MasterKey.load(Map.of(), keys);
    Files.setPosixFilePermissions(keys.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));

    StoreException e = assertThrows(StoreException.class, () -> MasterKey.load(Map.of(), keys));
    assertTrue(e.getMessage().contains("holds a secret but other users may read or change it (rw-r--r--)"), e.getMessage());
    assertNotEquals(-1, e.getMessage().indexOf("chmod 600"));
  }
}
