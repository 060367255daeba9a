package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.triggers.TriggerWorkflows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --sandbox} with declarative connectors: GitHub's and Slack's mocks answer from their definitions' examples,
 * next to Zoom's emulator, one sandbox per connector a run uses.
 */
class CrossConnectorSandboxTest {

  static final Path ANNOUNCE = Path.of("..", "..", "examples", "workflows", "announce-recording.yaml")
      .toAbsolutePath().normalize();
  private static final Path DEFINITIONS = Path.of("..", "..", "connector-defs");

  @TempDir
  Path home;

  @TempDir
  Path work;

  @BeforeEach
  void install() throws Exception {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Path connectors = Files.createDirectories(home.resolve("connectors"));
    Files.copy(DEFINITIONS.resolve("github.json"), connectors.resolve("github.json"));
    Files.copy(DEFINITIONS.resolve("slack.json"), connectors.resolve("slack.json"));
  }

  private static Map<String, JsonNode> steps(JsonNode record) {
    Map<String, JsonNode> steps = new HashMap<>();
    record.get("steps").forEach(step -> steps.put(step.get("id").asString(), step));
    return steps;
  }

  @Test
  void theExampleWorkflowRunsOnThreeSandboxesAndSkipsTheIssueWhenTheDownloadWorked() throws Exception {
    CliRun run = CliRun.inHome(home, "run", ANNOUNCE.toString(), "--sandbox", "--input",
        "folder=" + work.resolve("recordings"), "--json");

    assertEquals(0, run.exitCode(), run::toString);
    JsonNode record = Json.MAPPER.readTree(run.out());
    Map<String, JsonNode> steps = steps(record);
    assertEquals("SUCCEEDED", steps.get("download").get("status").asString());
    assertEquals("SKIPPED", steps.get("report").get("status").asString());
    JsonNode posted = steps.get("announce");
    assertEquals("slack-sandbox", posted.get("connection").asString());
    String text = posted.get("input").get("text").asString();
    assertTrue(text.startsWith("The recording of \"Weekly product sync\" is ready: http://127.0.0.1:"), text);
    assertTrue(text.contains("/rec/share/"), text);
    assertEquals("1503435956.000247", record.get("outputs").get("posted").asString());
    assertTrue(record.get("outputs").get("downloaded").asBoolean());
    assertFalse(Files.list(work.resolve("recordings")).toList().isEmpty());
  }

  @Test
  void aFailedDownloadOpensAGitHubIssueOnTheMock() throws Exception {
    Path notAFolder = Files.writeString(work.resolve("occupied"), "a file where the folder should be");

    CliRun run = CliRun.inHome(home, "run", ANNOUNCE.toString(), "--sandbox", "--input", "folder=" + notAFolder,
        "--json");

    assertEquals(0, run.exitCode(), run::toString);
    Map<String, JsonNode> steps = steps(Json.MAPPER.readTree(run.out()));
    assertEquals("CONTINUED", steps.get("download").get("status").asString());
    JsonNode report = steps.get("report");
    assertEquals("SUCCEEDED", report.get("status").asString());
    assertEquals("github-sandbox", report.get("connection").asString());
    assertTrue(report.get("input").get("body").asString().contains("INVALID_INPUT"), report::toString);
    assertEquals(1347, report.get("output").get("number").asInt(), "the definition's example answer");
  }

  @Test
  void aRunOnSeveralSandboxesIsResumedOnAllOfThem() throws Exception {
    Path workflow = work.resolve("post-then-read.yaml");
    String text = """
        name: post then read
        steps:
          - id: post
            activity: slack/chat.postMessage
            input: {channel: C0123456789, text: "hello"}
          - id: read
            activity: zoom/meetings.get
            input: {meetingId: MEETING}
        outputs:
          ts: "${steps.post.output.ts}"
          topic: "${steps.read.output.topic}"
        """;
    Files.writeString(workflow, text.replace("MEETING", "12345678901"));
    CliRun failed = CliRun.inHome(home, "run", workflow.toString(), "--sandbox");
    assertEquals(3, failed.exitCode(), failed::toString);
    String id = failed.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow()
        .split(" ")[1];
    String kept = Files.readString(home.resolve("sandbox/runs").resolve(id + ".properties"));
    assertTrue(kept.contains("connectors=slack,zoom") && kept.contains("slack.authType=bot-token")
        && kept.contains("zoom.authType=oauth"), kept);

    Files.writeString(workflow, text.replace("MEETING", "81000000001"));
    CliRun resumed = CliRun.inHome(home, "run", "--resume", id);

    assertEquals(0, resumed.exitCode(), resumed::toString);
    assertTrue(resumed.out().contains("post SUCCEEDED (reused from the earlier run)"), resumed::toString);
    assertTrue(resumed.out().contains("\"topic\" : \"Weekly product sync\""), resumed::toString);
    assertFalse(Files.exists(home.resolve("sandbox/runs").resolve(id + ".properties")), "a succeeded run's "
        + "sandboxes are forgotten");
  }

  @Test
  void theTriggerVariantPassesTheWorkflowChecks() throws Exception {
    Path triggers = Files.createDirectories(work.resolve("triggers"));
    Files.copy(ANNOUNCE.resolveSibling("triggers").resolve("announce-finished-recording.yaml"),
        triggers.resolve("announce-finished-recording.yaml"));
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=")).start()) {
      // The connections the workflow names, made as a user makes them, here to the mocks.
      for (String connector : List.of("slack", "github")) {
        String authType = runtime.defaultSandboxAuthType(connector);
        RunningSandbox mock = runtime.openSandbox(connector, authType, SandboxOptions.defaults()).running();
        Map<String, Secret> secrets = new HashMap<>();
        mock.connectionFields(authType).forEach((field, value) -> secrets.put(field, Secret.of(value)));
        runtime.connections().add(new NewConnection(connector, authType, connector, Map.of(), secrets,
            mock.baseUrl(), null, null, null), null);
      }
      TriggerWorkflows registered = TriggerWorkflows.register(triggers, runtime.workflows());
      assertEquals(1, registered.on("zoom", "recording.completed").size());
    }
  }

  @Test
  void anActivityRunsOnTheMockWithAGeneratedKey() {
    CliRun run = CliRun.inHome(home, "activity", "run", "github/issues.get", "--sandbox", "--input",
        "{\"owner\": \"octocat\", \"repo\": \"Hello-World\", \"issueNumber\": 1347}");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\"title\" : \"Found a bug\""), run::toString);
  }

  @Test
  void anOAuthAuthTypeOnAMockIsRefusedWithTheOnesItTakes() {
    CliRun run = CliRun.inHome(home, "activity", "run", "slack/chat.postMessage", "--sandbox", "--sandbox-auth",
        "oauth", "--input", "{\"channel\": \"C1\", \"text\": \"hi\"}");

    assertEquals(10, run.exitCode(), run::toString);
    assertTrue(run.err().contains("the mock sandbox of slack emulates no OAuth endpoints; connect with bot-token"),
        run::toString);
  }
}
