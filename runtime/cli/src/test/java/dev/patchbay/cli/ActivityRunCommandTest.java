package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code patchbay activity run}, in process: output JSON on stdout, {@code CODE: message} on stderr, and the exit
 * code of the error family. With {@code --sandbox} each run starts the Zoom sandbox and connects to it for real.
 */
class ActivityRunCommandTest {

  @TempDir
  Path home;

  @TempDir
  Path files;

  /** Every run of the test, so that no output can be left out of the secret check. */
  private final List<CliRun> runs = new ArrayList<>();

  @BeforeEach
  void installZoom() {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
  }

  /** The sandbox's client secrets are fixed values; none may ever show in what the CLI prints. */
  @AfterEach
  void noSandboxSecretInAnyOutput() throws Exception {
    List<String> secrets = new ArrayList<>();
    try (PatchbayRuntime runtime = E2e.runtime(home);
        RunningSandbox sandbox = E2e.startSandbox(runtime)) {
      for (String authType : List.of("oauth", "byo-oauth", "server-to-server")) {
        secrets.add(sandbox.connectionFields(authType).get("clientSecret"));
      }
    }
    for (CliRun run : runs) {
      for (String secret : secrets) {
        assertFalse(run.out().contains(secret) || run.err().contains(secret), run::toString);
      }
    }
  }

  CliRun patchbay(String... args) {
    String[] withHome = new String[args.length + 2];
    System.arraycopy(args, 0, withHome, 0, args.length);
    withHome[args.length] = "--home";
    withHome[args.length + 1] = home.toString();
    CliRun run = CliRun.of(withHome);
    runs.add(run);
    return run;
  }

  @Test
  void printsTheCurrentUserFromTheSandbox() {
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent", "--sandbox");

    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    JsonNode user = Json.MAPPER.readTree(run.out());
    assertEquals(E2e.ADA_ID, user.path("id").asString());
    assertEquals(E2e.ADA_EMAIL, user.path("email").asString());
    assertEquals("", run.err());
  }

  @Test
  void runsWithAServerToServerSandboxConnection() {
    CliRun run = patchbay("activity", "run", "zoom/users.get", "--sandbox", "--sandbox-auth", "server-to-server",
        "--input", "{\"userId\":\"" + E2e.GRACE_EMAIL + "\"}");

    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertEquals(E2e.GRACE_ID, Json.MAPPER.readTree(run.out()).path("id").asString());
  }

  @Test
  void inputThatIsNotJsonIsInvalidInputWithLineAndColumn() {
    CliRun run = patchbay("activity", "run", "zoom/meetings.create", "--sandbox", "--input", "{\"topic\":\n  ]");

    assertEquals(10, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: INVALID_INPUT: --input is not valid JSON at line 2, column 3: "),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void inputThatIsNotAnObjectIsInvalidInput() {
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent", "--connection", "work", "--input", "[1]");

    assertEquals(10, run.exitCode(), run::toString);
    assertTrue(run.err().contains("INVALID_INPUT: --input must be a JSON object"), run.err());
  }

  @Test
  void inputViolatingTheSchemaIsInvalidInputNamingTheField() {
    CliRun run = patchbay("activity", "run", "zoom/meetings.create", "--sandbox", "--input",
        "{\"topic\":7,\"duration\":0}");

    assertEquals(10, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("INVALID_INPUT: "), run.err());
    assertTrue(run.err().contains("/topic"), run.err());
    assertTrue(run.err().contains("/duration"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void anUnknownActivityIsNotFoundListingTheOperations() {
    CliRun run = patchbay("activity", "run", "zoom/meetings.archive", "--sandbox");

    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("NOT_FOUND: Connector 'zoom' has no operation 'meetings.archive'"),
        run.err());
    assertTrue(run.err().contains("meetings.create"), run.err());
  }

  @Test
  void inputFromAFile() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(home.resolve("input.json"), "{\"userId\": \"me\"}");

    CliRun run = patchbay("activity", "run", "zoom/users.get", "--sandbox", "--input", "@" + file);

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    assertTrue(run.out().contains("\"email\""), run.out());
  }

  @Test
  void aMissingInputFileIsAUsageError() {
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent", "--sandbox", "--input",
        "@" + files.resolve("missing.json"));

    assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
    assertEquals("error: input file not found: " + files.resolve("missing.json") + "\n", run.err());
  }

  @Test
  void noConnectionWithoutSandboxIsAUsageError() {
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent");

    assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
    assertEquals("error: --connection NAME is required (or --sandbox)\n", run.err());
  }

  @Test
  void anUnknownConnectionIsNotFound() {
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent", "--connection", "nope");

    assertEquals(ExitCode.NOT_FOUND, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("NOT_FOUND: no connection named 'nope'"), run.err());
  }

  @Test
  void aMeetingThatDoesNotExistIsNotFoundWithTheErrorAsJson() {
    CliRun run = patchbay("activity", "run", "zoom/meetings.get", "--sandbox", "--input", "{\"meetingId\":1}",
        "--json");

    assertEquals(ExitCode.NOT_FOUND, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("NOT_FOUND: Zoom answered HTTP 404 with error 3001: Meeting does not exist: 1."),
        run.err());
    JsonNode error = Json.MAPPER.readTree(run.out()).path("error");
    assertEquals("NOT_FOUND", error.path("code").asString());
    assertEquals("3001", error.path("details").path("providerCode").asString());
    assertEquals(404, error.path("details").path("httpStatus").asInt());
  }
}
