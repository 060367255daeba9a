package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsValidateTest {

  @TempDir
  Path folder;

  @Test
  void zoomDefinitionIsValid() {
    CliRun run = CliRun.of("definitions", "validate", BuiltPlugins.ZOOM_DEFINITION.toString());

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(BuiltPlugins.ZOOM_DEFINITION + ": valid (zoom 1.0.0, 12 operations, 3 auth types)\n", run.out());
  }

  @Test
  void everyProblemOfEveryFileIsReportedWithFileAndPointer() throws IOException {
    Path badJson = Files.writeString(folder.resolve("bad.json"), "{\"id\": ");
    String zoom = Files.readString(BuiltPlugins.ZOOM_DEFINITION);
    Path badVersion = Files.writeString(folder.resolve("version.json"),
        zoom.replaceFirst("\"version\"\\s*:\\s*\"1\\.0\\.0\"", "\"version\": \"1.0\""));

    CliRun run = CliRun.of("definitions", "validate", BuiltPlugins.ZOOM_DEFINITION.toString(), badJson.toString(),
        badVersion.toString());

    assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
    assertTrue(run.out().contains("zoom.json: valid"), run.out());
    String[] errors = run.err().split("\n");
    assertEquals(3, errors.length, run.err());
    assertTrue(errors[0].startsWith(badJson + ": line 1, column 8: not valid JSON: "), errors[0]);
    assertTrue(errors[1].startsWith(badVersion + ": /version: "), errors[1]);
    assertEquals("2 of 3 definitions invalid", errors[2]);
  }

  @Test
  void missingFile() {
    CliRun run = CliRun.of("definitions", "validate", folder.resolve("nope.json").toString());

    assertEquals(ExitCode.INVALID, run.exitCode());
    assertTrue(run.err().startsWith(folder.resolve("nope.json") + ": (document): file not found\n"), run.err());
  }
}
