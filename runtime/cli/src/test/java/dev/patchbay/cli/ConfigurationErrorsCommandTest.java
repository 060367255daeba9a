package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 18: what the operator must fix in Patchbay's configuration is exit code 5 with a message naming the
 * file or variable, never NEEDS_REAUTH (12), which sends the user to reconnect a connection that is not the problem.
 */
class ConfigurationErrorsCommandTest {

  @TempDir
  Path home;

  @Test
  void aHomeThatIsAFileIsAConfigurationError() throws Exception {
    Path file = Files.writeString(home.resolve("passwd"), "root:x:0:0\n");

    for (String[] command : new String[][] {{"connections", "list"},
        {"activity", "run", "zoom/users.getCurrent", "--connection", "work", "--input", "{}"}}) {
      CliRun run = CliRun.inHome(file, command);

      assertEquals(ExitCode.CONFIGURATION, run.exitCode(), run::toString);
      assertEquals("error: configuration: the Patchbay home " + file + " is not a folder: point --home at a folder "
          + "(a missing one is created)\n", run.err(), run::toString);
    }
  }

  @Test
  void anOperatorAppThatIsNotConfiguredIsAConfigurationError() {
    assumeTrue(System.getenv("PATCHBAY_ZOOM_CLIENT_ID") == null, "the environment configures the operator's app");
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));

    CliRun add = CliRun.inHome(home, "connections", "add", "zoom", "--auth", "oauth", "--name", "work",
        "--no-browser");

    assertEquals(ExitCode.CONFIGURATION, add.exitCode(), add::toString);
    assertEquals("error: configuration: the operator's zoom app (auth type oauth) is not configured: set "
        + "PATCHBAY_ZOOM_CLIENT_ID and PATCHBAY_ZOOM_CLIENT_SECRET, or write clientId= and clientSecret= to "
        + home.resolve("config").resolve("zoom.properties") + " (mode 600)\n", add.err());
    assertFalse(add.out().contains("http"), "no sign-in was started: " + add.out());
  }

  @Test
  void anOperatorAppFileOthersMayReadIsAConfigurationErrorWithTheChmodToRun() throws Exception {
    assumeTrue(System.getenv("PATCHBAY_ZOOM_CLIENT_ID") == null, "the environment configures the operator's app");
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Path config = Files.createDirectories(home.resolve("config"));
    Path app = Files.writeString(config.resolve("zoom.properties"), "clientId=id\nclientSecret=CANARY-app-secret\n");
    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun add = CliRun.inHome(home, "connections", "add", "zoom", "--auth", "oauth", "--name", "work",
        "--no-browser");

    assertEquals(ExitCode.CONFIGURATION, add.exitCode(), add::toString);
    assertTrue(add.err().startsWith("error: configuration: the operator's zoom app configuration cannot be used: "
        + app + " holds a secret but other users may read or change it (rw-r--r--): chmod 600 " + app), add.err());
    assertFalse(add.err().contains("CANARY") || add.out().contains("CANARY"), add::toString);
  }
}
