package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.engine.PatchbayRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay webhooks secret}: the token comes from standard input (or a hidden prompt), never from the command
 * line, is kept sealed, and never printed; and {@code patchbay serve --triggers} refuses to start on a trigger
 * workflow with problems.
 */
class WebhooksCommandTest {

  static final String CANARY = "canary-cli-webhook-token-9b2c";

  @TempDir
  Path home;

  @BeforeEach
  void zoomPlugin() {
    E2e.home(home);
  }

  @Test
  void theSecretTokenIsReadFromStandardInputAndKeptSealed() throws Exception {
    CliRun run = CliRun.inHomeWithInput(home, CANARY + "\n", "webhooks", "secret", "zoom");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("Set the webhook secret token of zoom. Deliveries to /webhooks/zoom signed with it are taken from "
        + "now on.\n", run.out());
    assertFalse(run.toString().contains(CANARY));
    assertFalse(Files.readString(home.resolve("webhooks").resolve("zoom.secret")).contains(CANARY));
    try (PatchbayRuntime runtime = E2e.runtimeLikeTheCli(home)) {
      assertEquals(CANARY, runtime.webhookSecrets().get("zoom").orElseThrow().reveal());
    }
  }

  @Test
  void anEmptyTokenIsAUsageError() {
    CliRun run = CliRun.inHomeWithInput(home, "\n", "webhooks", "secret", "zoom");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertEquals("error: no secret token given: type it at the prompt, or give it on the first line of standard "
        + "input\n", run.err());
    assertFalse(Files.exists(home.resolve("webhooks").resolve("zoom.secret")));
  }

  @Test
  void theTokenIsNeverAnArgument() {
    CliRun run = CliRun.inHomeWithInput(home, "", "webhooks", "secret", "zoom", CANARY);
    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: Unmatched argument at index 3"), run.err());
  }

  @Test
  void anUnknownConnectorIsNotFound() {
    CliRun run = CliRun.inHomeWithInput(home, CANARY + "\n", "webhooks", "secret", "nope");
    assertEquals(ExitCode.NOT_FOUND, run.exitCode(), run.toString());
    assertEquals("error: no connector 'nope' (patchbay connectors list shows the loaded ones)\n", run.err());
  }

  @Test
  void removeTakesTheTokenAway() {
    CliRun.inHomeWithInput(home, CANARY + "\n", "webhooks", "secret", "zoom");
    CliRun removed = CliRun.inHome(home, "webhooks", "secret", "zoom", "--remove");
    assertEquals(0, removed.exitCode(), removed.toString());
    assertEquals("Removed the webhook secret token of zoom.\n", removed.out());
    assertFalse(Files.exists(home.resolve("webhooks").resolve("zoom.secret")));
    assertEquals("No webhook secret token was set for zoom.\n", CliRun.inHome(home, "webhooks", "secret", "zoom",
        "--remove").out());
  }

  @Test
  void serveRefusesTriggerWorkflowsWithProblemsAndSaysWhich() throws Exception {
    Path triggers = Files.createDirectories(home.resolve("triggers"));
    Files.writeString(triggers.resolve("bad.yaml"), """
        name: bad
        trigger:
          event: zoom/recording.completed
        inputs:
          folder: {type: string}
        steps:
          - id: download
            activity: zoom/recordings.download
            input: {meetingId: 1, directory: "${inputs.folder}"}
        """);
    CliRun run = CliRun.inHome(home, "serve", "--port", "0", "--triggers", triggers.toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains(triggers.resolve("bad.yaml") + ":4: /inputs: a workflow that runs on events "
        + "receives the event's body as the input 'event': declare inputs: {event: {type: object}}\n"), run.err());
    assertTrue(run.err().contains(triggers.resolve("bad.yaml") + ":5: /inputs/folder: input 'folder' needs a "
        + "default: a run on an event is given only 'event'\n"), run.err());
    assertTrue(run.err().endsWith("error: 2 problems in the trigger workflows of " + triggers + "; the server was "
        + "not started\n"), run.err());
  }
}
