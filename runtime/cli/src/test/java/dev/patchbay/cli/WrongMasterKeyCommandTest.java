package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user whose {@code PATCHBAY_MASTER_KEY} is not the key their connections were written with (issue 16, item 10):
 * the commands say connections exist under another key and exit non-zero, in a child process with that environment.
 */
class WrongMasterKeyCommandTest {

  private static final String WRONG_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path home;

  String writtenWith;

  @BeforeEach
  void aConnectionUnderTheHomesKeyFile() throws Exception {
    MasterKey key = MasterKey.load(Map.of(), home.resolve("keys"));
    writtenWith = key.id();
    Files.createDirectories(home.resolve("connections"));
    new SealedFiles(key).write(home.resolve("connections").resolve("c0ffee00-0001.conn"), "c0ffee00-0001",
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void connectionsListSaysTheyExistUnderAnotherKeyAndExitsNonZero() throws Exception {
    Result list = patchbay("connections", "list");

    assertEquals(13, list.exitCode, list.output);
    assertTrue(list.output.contains("PERMISSION_DENIED: 1 connection was encrypted with master key " + writtenWith
        + ", which is not the current key (" + MasterKey.fromBase64(WRONG_KEY, "t").id()
        + ", from PATCHBAY_MASTER_KEY)"), list.output);
    assertTrue(list.output.contains("(or unset it to use the key file)"), list.output);
    assertFalse(list.output.contains("No connections"), list.output);
  }

  @Test
  void aConnectionLookedUpByNameIsNotReportedMissing() throws Exception {
    Result show = patchbay("connections", "show", "zoom-local");

    assertEquals(13, show.exitCode, show.output);
    assertFalse(show.output.contains("no connection named"), show.output);
    assertTrue(show.output.contains("encrypted with master key " + writtenWith), show.output);
  }

  @Test
  void aWorkflowNamingTheConnectionSaysWhyItCannotBeFound() throws Exception {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Path workflow = Files.writeString(home.resolve("me.yaml"), """
        name: me
        connections: {zoom: zoom-local}
        steps:
          - id: me
            activity: zoom/users.getCurrent
        """);

    Result run = patchbay("run", workflow.toString());

    assertEquals(ExitCode.USAGE, run.exitCode, run.output);
    assertTrue(run.output.contains(workflow + ":2: /connections/zoom: 1 connection was encrypted with master key "
        + writtenWith), run.output);
    assertFalse(run.output.contains("no connection named"), run.output);
  }

  private record Result(int exitCode, String output) {}

  private Result patchbay(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(MasterKey.ENV, WRONG_KEY);
    Process child = builder.start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("patchbay did not finish");
    }
    return new Result(child.exitValue(), new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
