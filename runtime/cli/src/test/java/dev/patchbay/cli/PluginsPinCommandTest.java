package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay plugins pin} on the built Zoom zip, and {@code plugins list} under the policy it writes. */
class PluginsPinCommandTest {

  @TempDir
  Path home;

  Path zip;
  String digest;

  @BeforeEach
  void installZoom() throws Exception {
    zip = BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(zip), sha256)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    digest = HexFormat.of().formatHex(sha256.digest());
  }

  Path policyFile() {
    return home.resolve("config/plugins.properties");
  }

  CliRun patchbay(String... args) {
    return CliRun.inHome(home, args);
  }

  @Test
  void pinPrintsTheIdAndTheLineToAddAndWritesNothing() {
    CliRun run = patchbay("plugins", "pin", zip.toString());

    assertEquals(0, run.exitCode(), run.toString());
    String[] lines = run.out().split("\n");
    assertTrue(lines[0].matches("zoom \\S+ \\(" + zip.getFileName() + "\\)"), lines[0]);
    assertEquals("sha256.zoom = " + digest, lines[1]);
    assertEquals("Add this line to " + policyFile() + ", with zoom in its allow line, or run again with --write.",
        lines[2]);
    assertFalse(Files.exists(policyFile()));
  }

  @Test
  void pinWriteCreatesTheOwnerOnlyPolicyAndTheZipIsAdmittedUnderIt() throws IOException {
    CliRun run = patchbay("plugins", "pin", zip.toString(), "--write");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().endsWith("sha256.zoom = " + digest + "\nCreated " + policyFile() + " with allow = zoom and "
        + "this pin: from now on only the plugins it allows are admitted.\n"), run.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(policyFile())));

    CliRun list = patchbay("plugins", "list");
    assertTrue(list.out().matches("(?s).*\\nzoom-\\S+\\.zip +zoom +\\S+ +ACTIVE +zoom\\n.*"), list.out());
    assertTrue(list.out().endsWith("Admission: admission policy " + policyFile() + ": allows zoom; pins zoom\n"),
        list.out());
  }

  @Test
  void pinWriteReplacesAnOldPin() throws IOException {
    Files.createDirectories(policyFile().getParent());
    Files.write(policyFile(), List.of("allow = zoom", "sha256.zoom = " + "0".repeat(64)));

    CliRun run = patchbay("plugins", "pin", zip.toString(), "--write");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().endsWith("Wrote the pin to " + policyFile() + ", replacing " + "0".repeat(64) + ".\n"),
        run.out());
    assertEquals(List.of("allow = zoom", "sha256.zoom = " + digest), Files.readAllLines(policyFile()));
  }

  @Test
  void pinWriteRefusesAMalformedPolicyAndLeavesItAlone() throws IOException {
    Files.createDirectories(policyFile().getParent());
    Files.write(policyFile(), List.of("allow = zoom", "pin.zoom = 00"));

    CliRun run = patchbay("plugins", "pin", zip.toString(), "--write");

    assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
    assertEquals("error: the admission policy " + policyFile() + " is malformed; fix it first, then pin again: line 2: "
        + "unknown key 'pin.zoom'; the keys are allow and sha256.<plugin id>\n", run.err());
    assertEquals(List.of("allow = zoom", "pin.zoom = 00"), Files.readAllLines(policyFile()));
  }

  @Test
  void pinOfSomethingThatIsNotAPluginZipIsAnError() throws IOException {
    Path notZip = Files.writeString(home.resolve("notes.zip"), "not a zip");

    CliRun run = patchbay("plugins", "pin", notZip.toString());

    assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: " + notZip + ": not a readable zip archive"), run.err());
  }

  @Test
  void pinOfABareDefinitionIsTheSha256OfTheFileAndTheRefusalsRemedyWorks() throws Exception {
    Files.createDirectories(policyFile().getParent());
    Files.write(policyFile(), List.of("allow = zoom"));
    Path definition = Files.createDirectories(home.resolve("connectors")).resolve("pets.json");
    Files.writeString(definition, Files.readString(Path.of("..", "..", "connector-defs", "github.json"))
        .replace("\"id\": \"github\"", "\"id\": \"pets\""));
    String fileDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(definition)));
    CliRun refused = patchbay("plugins", "list");
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.out().contains("run 'patchbay plugins pin " + definition + " --write'"), refused.out());

    CliRun pin = patchbay("plugins", "pin", definition.toString(), "--write");

    assertEquals(0, pin.exitCode(), pin.toString());
    assertEquals("pets 1.0.0 (pets.json)\nsha256.pets = " + fileDigest + "\nWrote the pin to " + policyFile()
        + "; added pets to allow.\n", pin.out());
    assertEquals(List.of("allow = zoom, pets", "sha256.pets = " + fileDigest), Files.readAllLines(policyFile()));
    CliRun list = patchbay("plugins", "list");
    assertEquals(0, list.exitCode(), list.toString());
    assertTrue(list.out().matches("(?s).*\\npets\\.json +pets +1\\.0\\.0 +ACTIVE +pets\\n.*"), list.out());
  }

  @Test
  void pinOfADefinitionThatIsNotJsonIsAnError() throws IOException {
    Path broken = Files.writeString(home.resolve("pets.json"), "{\"id\": ");

    CliRun run = patchbay("plugins", "pin", broken.toString());

    assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: " + broken + ": not valid JSON, so not a connector definition"),
        run.err());
  }

  @Test
  void listUnderAPinThatNoLongerMatchesShowsTheMismatch() throws IOException {
    Files.createDirectories(policyFile().getParent());
    Files.write(policyFile(), List.of("allow = zoom", "sha256.zoom = " + "0".repeat(64)));

    CliRun list = patchbay("plugins", "list");

    assertEquals(1, list.exitCode(), list.toString());
    assertTrue(list.out().contains(" FAILED  SHA-256 mismatch: the admission policy " + policyFile() + " pins plugin "
        + "'zoom' to " + "0".repeat(64) + " (sha256.zoom) but this archive's SHA-256 is " + digest), list.out());
  }
}
