package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options for a Temporal cluster with TLS or an API key: files that are missing or not what they should be end
 * the command with exit code 5 and a sentence naming the option and the file, before anything starts; the API key
 * never shows. A run is not started from a home without the installation's master key.
 */
class TemporalAccessOptionsTest {

  private static final String API_KEY_CANARY = "canary-temporal-api-key-91c4";

  @TempDir
  Path home;

  @Test
  void aMissingCertificateFileIsAConfigurationError() {
    Path missing = home.resolve("client.pem");
    CliRun run = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-tls-cert",
        missing.toString(), "--temporal-tls-key", home.resolve("client.key").toString());
    assertEquals(ExitCode.CONFIGURATION, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--temporal-tls-cert " + missing + ": no such file"), run::toString);
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() throws Exception {
    Path certificate = Files.writeString(home.resolve("client.pem"), "not used\n");
    CliRun run = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-tls-cert",
        certificate.toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--temporal-tls-cert and --temporal-tls-key go together"), run::toString);
  }

  @Test
  void filesThatAreNotPemCertificatesAreAConfigurationErrorNamingThem() throws Exception {
    Path certificate = Files.writeString(home.resolve("client.pem"), "not a certificate\n");
    Path key = Files.writeString(home.resolve("client.key"), "not a key\n");
    CliRun run = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-tls-cert",
        certificate.toString(), "--temporal-tls-key", key.toString());
    assertEquals(ExitCode.CONFIGURATION, run.exitCode(), run::toString);
    assertTrue(run.err().contains("the client certificate " + certificate + " and its key " + key
        + " cannot be used"), run::toString);

    Path ca = Files.writeString(home.resolve("ca.pem"), "not a certificate either\n");
    CliRun withCa = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-tls-ca", ca.toString());
    assertEquals(ExitCode.CONFIGURATION, withCa.exitCode(), withCa::toString);
    assertTrue(withCa.err().contains("the server CA file " + ca), withCa::toString);
  }

  @Test
  void anApiKeyFileMustHoldAKeyAndTheKeyNeverShows() throws Exception {
    Path empty = Files.writeString(home.resolve("empty.key"), "\n");
    CliRun run = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-api-key-file",
        empty.toString());
    assertEquals(ExitCode.CONFIGURATION, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--temporal-api-key-file " + empty + " is empty"), run::toString);

    Path key = Files.writeString(home.resolve("api.key"), API_KEY_CANARY + "\n");
    CliRun plaintext = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-api-key-file",
        key.toString());
    // An API key is never sent in plaintext, and never turns TLS on by itself.
    assertEquals(ExitCode.CONFIGURATION, plaintext.exitCode(), plaintext::toString);
    assertTrue(plaintext.err().contains("--temporal-api-key-file " + key + " gives a Temporal API key, which is "
        + "sent only over TLS, and TLS is off: add --temporal-tls"), plaintext::toString);
    assertFalse(plaintext.toString().contains(API_KEY_CANARY), plaintext::toString);

    CliRun unreachable = CliRun.inHome(home, "worker", "--temporal", "127.0.0.1:1", "--temporal-tls",
        "--temporal-api-key-file", key.toString());
    // Nothing listens there: the key was taken, and the failure is reaching Temporal, without the key in it.
    assertEquals(17, unreachable.exitCode(), unreachable::toString);
    assertTrue(unreachable.err().contains("Temporal at 127.0.0.1:1 cannot be used"), unreachable::toString);
    assertFalse(unreachable.toString().contains(API_KEY_CANARY), unreachable::toString);
  }

  @Test
  void startingARunOnTemporalFromAHomeWithoutTheInstallationsKeyIsRefusedAndMakesNoKey() throws Exception {
    Path workflow = Files.writeString(home.resolve("me.yaml"), "name: me\nsteps:\n  - id: me\n"
        + "    activity: zoom/users.getCurrent\n");
    CliRun run = CliRun.inHome(home, "run", workflow.toString(), "--temporal", "127.0.0.1:1");

    assertEquals(ExitCode.CONFIGURATION, run.exitCode(), run::toString);
    assertTrue(run.err().contains("no master key here"), run::toString);
    assertTrue(run.err().contains("Point PATCHBAY_HOME (or --home) at the workers' home, or set PATCHBAY_MASTER_KEY "
        + "to their key"), run::toString);
    assertFalse(Files.exists(home.resolve("keys").resolve("master.key")), "no key was made");

    assertEquals(ExitCode.OK, CliRun.inHome(home, "connections", "list").exitCode(), "makes the home's key");
    CliRun withKey = CliRun.inHome(home, "run", workflow.toString(), "--temporal", "127.0.0.1:1");
    // With the key, the run goes on to Temporal, where nothing listens.
    assertEquals(17, withKey.exitCode(), withKey::toString);
  }
}
