package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 13 over the API: the workflows of {@code serve --workflows FOLDER} listed with their inputs,
 * started in the background ({@code 202} and the run's id), followed in the run record, refused with every problem
 * at once, and a failed run resumed; all behind the API token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowsApiTest {

  private static final String WORKFLOW = """
      name: schedule
      inputs:
        topic: {type: string}
        minutes: {type: integer, default: 30}
        passcode: {type: string, secret: true, default: CANARY-default-passcode}
      steps:
        - id: me
          activity: zoom/users.getCurrent
          input: {}
        - id: create
          activity: zoom/meetings.create
          input: {topic: "${inputs.topic}", type: 2, duration: "${inputs.minutes}"}
      outputs:
        topic: "${steps.create.output.topic}"
      """;

  /** Issue 16, item 14: a join link, which run records keep redacted ({@code pwd=[redacted]}). */
  private static final String JOIN_LINK = """
      name: join link
      steps:
        - id: create
          activity: zoom/meetings.create
          input: {topic: "Link", type: 2}
      outputs:
        joinUrl: "${steps.create.output.join_url}"
      """;

  private Path folder;
  private SandboxServer fixture;
  private Api api;

  @BeforeAll
  void start() throws Exception {
    folder = Files.createTempDirectory("patchbay-workflows-");
    Files.writeString(folder.resolve("schedule.yaml"), WORKFLOW);
    Files.writeString(folder.resolve("with-link.yaml"), JOIN_LINK);
    fixture = SandboxServer.start(ServerOptions.defaults().withPort(0).withWorkflows(folder));
    api = fixture.api;
  }

  @AfterAll
  void stop() throws Exception {
    fixture.close();
    Files.delete(folder.resolve("schedule.yaml"));
    Files.delete(folder.resolve("with-link.yaml"));
    Files.delete(folder);
  }

  /** Polls the run record (bounded) until the run is no longer RUNNING. */
  private JsonNode ended(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      JsonNode run = api.get("/api/runs/" + runId).json();
      if (!run.path("status").asString().equals("RUNNING")) {
        return run;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("run " + runId + " still RUNNING: " + run);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void listsTheFolderWithEachWorkflowsInputs() {
    JsonNode listed = api.get("/api/workflows").json();

    assertEquals(folder.toString(), listed.path("folder").asString());
    JsonNode schedule = listed.path("workflows").get(0);
    assertEquals("schedule.yaml", schedule.path("file").asString());
    assertEquals("schedule", schedule.path("name").asString());
    assertEquals("topic", schedule.path("inputs").get(0).path("name").asString());
    assertEquals("integer", schedule.path("inputs").get(1).path("type").asString());
    assertEquals(30, schedule.path("inputs").get(1).path("default").asInt());
    assertEquals("[\"zoom\"]", schedule.path("connectors").toString());
    JsonNode passcode = schedule.path("inputs").get(2);
    assertTrue(passcode.path("secret").asBoolean());
    assertTrue(passcode.path("default").isNull(), "a secret's default is not shown: " + passcode);
    assertTrue(passcode.path("hasDefault").asBoolean());
    assertFalse(listed.toString().contains("CANARY"), listed.toString());
  }

  @Test
  void startsAWorkflowInTheBackgroundAndItsRecordFollowsIt() throws Exception {
    Api.Answer started = api.post("/api/workflows/schedule.yaml/runs", "{\"inputs\":{\"topic\":\"Over the API\","
        + "\"minutes\":20}}");

    assertEquals(202, started.status(), started.body());
    String runId = started.json().path("runId").asString();
    assertEquals("/api/runs/" + runId, started.json().path("run").asString());
    JsonNode run = ended(runId);
    assertEquals("SUCCEEDED", run.path("status").asString(), run.toString());
    assertEquals(fixture.sandboxConnection(), run.path("connectionOverrides").path("zoom").asString());
  }

  @Test
  void theCallerGetsTheJoinLinkWholeWhileTheStoredRecordKeepsItRedacted() throws Exception {
    String runId = api.post("/api/workflows/with-link.yaml/runs", "{}").json().path("runId").asString();

    JsonNode run = ended(runId);

    assertEquals("SUCCEEDED", run.path("status").asString(), run.toString());
    String joinUrl = run.path("outputs").path("joinUrl").asString();
    assertTrue(joinUrl.matches("https?://\\S+\\?pwd=[A-Za-z0-9._-]+"), joinUrl);
    String stored = Files.readString(fixture.home.resolve("runs").resolve(runId + ".json"));
    assertTrue(stored.contains("pwd=[redacted]"), stored);
    assertFalse(stored.contains(joinUrl), stored);
  }

  @Test
  void everyProblemIsListedAndNothingRuns() {
    int before = api.get("/api/runs").json().size();

    Api.Answer refused = api.post("/api/workflows/schedule.yaml/runs", "{\"inputs\":{\"minutes\":\"soon\"}}");

    assertEquals(400, refused.status(), refused.body());
    assertEquals("the workflow has 2 problems; nothing ran", refused.json().path("message").asString());
    assertEquals(2, refused.json().path("details").path("problems").size(), refused.body());
    assertEquals(before, api.get("/api/runs").json().size());
  }

  @Test
  void aFailedRunIsResumedFromItsFirstStepThatDidNotSucceed() throws Exception {
    fixture.control("{\"serverErrors\":{\"count\":1,\"status\":500,\"pathPrefix\":\"/v2/users/me/meetings\"}}");
    String runId = api.post("/api/workflows/schedule.yaml/runs", "{\"inputs\":{\"topic\":\"Resumed\"}}").json()
        .path("runId").asString();
    assertEquals("FAILED", ended(runId).path("status").asString());

    Api.Answer resumed = api.post("/api/runs/" + runId + "/resume", "");

    assertEquals(202, resumed.status(), resumed.body());
    assertEquals(runId, resumed.json().path("runId").asString());
    JsonNode run = ended(runId);
    assertEquals("SUCCEEDED", run.path("status").asString(), run.toString());
    assertEquals(1, run.path("resumedAt").size());
    Api.Answer again = api.post("/api/runs/" + runId + "/resume", "");
    assertEquals(400, again.status(), again.body());
    assertTrue(again.body().contains("succeeded; there is nothing to resume"), again.body());
  }

  @Test
  void unknownWorkflowsAndRunsAreNotFoundAndTheTokenIsNeeded() {
    assertEquals(404, api.post("/api/workflows/..%2Fapi-token/runs", "{}").status());
    assertEquals(404, api.post("/api/workflows/nope.yaml/runs", "{}").status());
    assertEquals(404, api.post("/api/runs/nope/resume", "").status());
    assertEquals(404, api.post("/api/runs/..%2F..%2Fetc/resume", "").status());
    assertEquals(401, api.raw("POST", "/api/workflows/schedule.yaml/runs", "{}", "Content-Type",
        "application/json").status());
    Api.Answer unknownMember = api.post("/api/workflows/schedule.yaml/runs", "{\"workflow\":{}}");
    assertEquals(400, unknownMember.status());
    assertEquals("unknown member 'workflow'; a run is started with [connections, inputs]",
        unknownMember.json().path("message").asString());
  }
}
