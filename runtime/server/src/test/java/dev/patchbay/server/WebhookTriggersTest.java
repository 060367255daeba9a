package dev.patchbay.server;

import static dev.patchbay.server.ZoomDeliveries.CANARY;
import static dev.patchbay.server.ZoomDeliveries.awaitEvent;
import static dev.patchbay.server.ZoomDeliveries.deliver;
import static dev.patchbay.server.ZoomDeliveries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.triggers.TriggerDispatch;
import dev.patchbay.engine.triggers.TriggerWorkflows;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * End to end: the Zoom sandbox signs and sends webhooks to the server as Zoom does, and the example trigger workflow
 * (examples/workflows/triggers/save-finished-recording.yaml) runs on recording.completed with the sandbox
 * connection, which acts in the event's account; its run is in GET /api/runs.
 */
class WebhookTriggersTest {

  static final Path EXAMPLE = Path.of("..", "..", "examples", "workflows", "triggers",
      "save-finished-recording.yaml");
  /** The default seed's meeting with cloud recordings; its latest has three files. */
  static final long MEETING = 81000000001L;

  static SandboxServer fixture;
  static Api api;
  static Path downloads;
  static Path triggers;

  @BeforeAll
  static void start() throws Exception {
    downloads = Files.createTempDirectory("patchbay-trigger-downloads-");
    triggers = Files.createTempDirectory("patchbay-triggers-");
    // The example as shipped, but saving into this test's folder rather than the working directory.
    String example = Files.readString(EXAMPLE);
    assertTrue(example.contains("default: \"zoom-recordings\""));
    Files.writeString(triggers.resolve(EXAMPLE.getFileName()), example.replace("default: \"zoom-recordings\"",
        "default: \"" + downloads.toString().replace("\\", "/") + "\""));
    fixture = SandboxServer.start(ServerOptions.defaults().withPort(0), runtime -> new TriggerDispatch(runtime,
        TriggerWorkflows.register(triggers, runtime.workflows())));
    api = fixture.api;
    fixture.runtime.webhookSecrets().set("zoom", Secret.of(CANARY));
  }

  @AfterAll
  static void stop() throws IOException {
    fixture.close();
    for (Path folder : List.of(downloads, triggers)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    for (String answer : api.seen) {
      assertFalse(answer.contains(CANARY), "the secret token is in an answer: " + answer);
    }
  }

  static JsonNode send(String secretToken, String event, int times) {
    return fixture.sandboxPost("/_sandbox/webhooks", "{\"url\":\"http://127.0.0.1:" + fixture.server.port()
        + "/webhooks/zoom\",\"secretToken\":\"" + secretToken + "\",\"event\":\"" + event + "\",\"meetingId\":"
        + MEETING + ",\"times\":" + times + "}");
  }

  @Test
  void theSandboxValidatesTheEndpointOnlyWithTheRightSecretToken() {
    JsonNode validated = send(CANARY, "endpoint.url_validation", 1);
    assertTrue(validated.path("validated").asBoolean(), validated.toString());
    assertEquals(200, validated.path("deliveries").get(0).path("status").asInt());
    JsonNode refused = send("another-token", "endpoint.url_validation", 1);
    assertFalse(refused.path("validated").asBoolean(), refused.toString());
    assertEquals(401, refused.path("deliveries").get(0).path("status").asInt());
    assertEquals("UNAUTHORIZED", refused.path("deliveries").get(0).path("body").path("code").asString());
  }

  @Test
  void aCompletedRecordingSentThreeTimesIsSavedByOneRunOfTheExample() throws Exception {
    JsonNode sent = send(CANARY, "recording.completed", 3);
    List<JsonNode> answers = List.of(sent.path("deliveries").get(0).path("body"),
        sent.path("deliveries").get(1).path("body"), sent.path("deliveries").get(2).path("body"));
    assertEquals("QUEUED", answers.get(0).path("status").asString(), sent.toString());
    String id = answers.get(0).path("event").asString();
    for (JsonNode retry : answers.subList(1, 3)) {
      assertEquals("DUPLICATE", retry.path("status").asString());
      assertEquals(id, retry.path("event").asString());
    }
    JsonNode event = awaitEvent(api, id, "PROCESSED");
    assertEquals("recording.completed", event.path("type").asString());
    assertEquals(2, event.path("retries").asInt());
    assertEquals(1, event.path("runs").size(), event.toString());
    String runId = event.path("runs").get(0).asString();

    Api.Answer run = api.get("/api/runs/" + runId);
    assertEquals("SUCCEEDED", run.json().path("status").asString(), run.body());
    assertEquals("save a finished recording", run.json().path("workflowName").asString());
    assertEquals("Weekly product sync", run.json().path("outputs").path("topic").asString(), run.body());
    assertEquals(3, run.json().path("outputs").path("files").size(), run.body());
    // The event's download token is a credential: the run record does not keep it.
    assertFalse(run.body().contains("sandbox-download-"), run.body());
    assertTrue(api.get("/api/runs").body().contains("\"id\":\"" + runId + "\""));
    long saved;
    try (Stream<Path> files = Files.list(downloads)) {
      saved = files.mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
    assertEquals(614400 + 245760 + 131072, saved);
  }

  @Test
  void anEventFromAnAccountWithoutAConnectionIsRecordedWithTheReason() throws Exception {
    String body = event("recording.completed", "someone-elses-account", 1_700_000_000_123L,
        "{\"uuid\":\"x\",\"id\":1,\"topic\":\"t\",\"recording_files\":[]}");
    String id = deliver(api, body, Instant.now()).json().path("event").asString();
    JsonNode event = awaitEvent(api, id, "NO_CONNECTION");
    assertEquals("no active zoom connection acts in account someone-elses-account; connect one (patchbay "
        + "connections add zoom) or reconnect it", event.path("reason").asString());
    assertEquals(0, event.path("runs").size());
  }

  @Test
  void anEventNoWorkflowRunsOnIsRecordedWithTheReason() throws Exception {
    String account = fixture.sandbox().connection().identity().accountId();
    String id = deliver(api, event("meeting.started", account, 1_700_000_000_456L, "{\"id\":\"1\"}"),
        Instant.now()).json().path("event").asString();
    assertEquals("no workflow runs on zoom/meeting.started", awaitEvent(api, id, "NO_TRIGGER").path("reason")
        .asString());
    assertEquals(Json.MAPPER.createArrayNode(), awaitEvent(api, id, "NO_TRIGGER").path("runs"));
  }
}
