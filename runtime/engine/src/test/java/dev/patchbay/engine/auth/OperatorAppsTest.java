package dev.patchbay.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's app file holds a client secret: the owner-only rule of every secret file applies. */
class OperatorAppsTest {

  @TempDir Path config;

  @Test
  void anAppFileOthersMayReadIsRefusedNotUsed() throws Exception {
    Path file = Files.writeString(config.resolve("zoom.properties"), "clientId=op\nclientSecret=CANARY-op-secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    OperatorApps apps = new OperatorApps(Map.of(), config);

    IOException e = assertThrows(IOException.class, () -> apps.app("zoom"));

    assertEquals(file + " holds a secret but other users may read or change it (rw-r--r--): chmod 600 " + file
        + ", and replace the secret if others could have read it", e.getMessage());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertEquals("op", apps.app("zoom").orElseThrow().clientId());
  }
}
