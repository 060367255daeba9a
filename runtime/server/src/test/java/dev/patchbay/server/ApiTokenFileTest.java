package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.server.access.ApiTokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {

  @TempDir
  Path home;

  @Test
  void generatesA256BitTokenOnFirstStartInAPrivateFile() throws Exception {
    Path folder = home.resolve("server");
    ApiTokenFile file = new ApiTokenFile(folder);
    ApiTokenFile.Loaded first = file.loadOrCreate();
    assertTrue(first.created());
    assertEquals(32, Base64.getUrlDecoder().decode(first.token()).length);
    assertTrue(first.token().matches("[A-Za-z0-9_-]{43}"), first.token());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));

    ApiTokenFile.Loaded second = new ApiTokenFile(folder).loadOrCreate();
    assertFalse(second.created());
    assertEquals(first.token(), second.token());
  }

  @Test
  void rotationReplacesTheToken() throws Exception {
    ApiTokenFile file = new ApiTokenFile(home.resolve("server"));
    String before = file.loadOrCreate().token();
    String after = file.rotate();
    assertNotEquals(before, after);
    assertEquals(after, file.loadOrCreate().token());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file())));
    try (var files = Files.list(file.file().getParent())) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aLooseFileIsRefusedAsEveryFileHoldingASecretIs() throws Exception {
    ApiTokenFile file = new ApiTokenFile(home.resolve("server"));
    file.loadOrCreate();
    Files.setPosixFilePermissions(file.file(), PosixFilePermissions.fromString("rw-r--r--"));

    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, file::loadOrCreate);

    assertEquals(file.file() + " holds a secret but other users may read or change it (rw-r--r--): chmod 600 "
        + file.file() + ", and replace the secret if others could have read it (patchbay serve --rotate-token "
        + "replaces it)", e.getMessage());
    file.rotate();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file())));
  }
}
