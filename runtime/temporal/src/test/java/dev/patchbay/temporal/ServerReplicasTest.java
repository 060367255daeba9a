package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.triggers.TriggerDispatch;
import dev.patchbay.engine.triggers.TriggerWorkflows;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.server.PatchbayServer;
import dev.patchbay.server.ServerOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code patchbay serve --temporal} on two replicas (two servers in this JVM, each with its own webhook inbox, so
 * neither knows what the other received; one home, one Temporal service): a {@code recording.completed} delivered
 * three times, to both, starts exactly one run.
 */
class ServerReplicasTest {

  private static final String QUEUE = "patchbay-replicas";
  private static final String WEBHOOK_TOKEN = "canary-replicas-webhook-token-91ac";
  private static final String API_TOKEN = "replicas-api-token";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir
  Path folder;

  @Test
  void aDeliveryRepeatedToTwoReplicasStartsOneRun() throws Exception {
    try (SandboxRuntime sandbox = SandboxRuntime.start()) {
      TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
      List<PatchbayServer> replicas = new ArrayList<>();
      try {
        TemporalWorker.register(temporal.newWorker(QUEUE), sandbox.activities(), sandbox.workflows().records());
        temporal.start();
        TemporalRuns runs = new TemporalRuns(temporal.getWorkflowClient(),
            TemporalSettings.of("in-process").withTaskQueue(QUEUE));
        sandbox.runtime.webhookSecrets().set("zoom", Secret.of(WEBHOOK_TOKEN));
        Path triggers = Files.createDirectories(folder.resolve("triggers"));
        Path saved = folder.resolve("saved");
        Files.writeString(triggers.resolve("save-finished-recording.yaml"), Files.readString(
            SandboxRuntime.example("triggers/save-finished-recording.yaml")).replace("default: \"zoom-recordings\"",
            "default: \"" + saved + "\""));
        for (int i = 0; i < 2; i++) {
          replicas.add(PatchbayServer.start(sandbox.runtime, API_TOKEN, ServerOptions.defaults().withPort(0),
              new TriggerDispatch(sandbox.runtime, TriggerWorkflows.register(triggers, sandbox.workflows()),
                  new TemporalTriggerStarter(sandbox.runtime, runs))));
        }
        String body = recordingCompleted(sandbox);
        int downloadsBefore = sandbox.http().requests("/rec/files/");

        List<String> events = new ArrayList<>();
        for (PatchbayServer replica : List.of(replicas.get(0), replicas.get(1), replicas.get(0))) {
          events.add(deliver(replica, body).path("event").asString());
        }

        // Each replica processed the event it queued (the third delivery was a duplicate at the first) and both
        // name the same run.
        JsonNode first = awaitProcessed(replicas.get(0), events.get(0));
        JsonNode second = awaitProcessed(replicas.get(1), events.get(1));
        assertEquals(events.get(0), events.get(2));
        assertEquals(1, first.path("runs").size(), first.toString());
        assertEquals(first.path("runs"), second.path("runs"), second.toString());
        String runId = first.path("runs").get(0).asString();
        RunRecord record = runs.result("patchbay-event zoom " + deliveryKey(body) + " save-finished-recording.yaml");
        assertEquals(runId, record.id());
        assertEquals(RunStatus.SUCCEEDED, record.status());
        // One run in the runs both replicas show, and every file was downloaded once.
        assertEquals(List.of(runId), sandbox.workflows().runs().stream()
            .filter(run -> run.workflowName().equals("save a finished recording")).map(RunRecord::id).toList());
        assertEquals(record.outputs().path("files").size(), sandbox.http().requests("/rec/files/") - downloadsBefore,
            record.toString());
      } finally {
        replicas.forEach(PatchbayServer::close);
        temporal.close();
      }
    }
  }

  /** A recording.completed for the sandbox's first recorded meeting, at a fixed time. */
  private static String recordingCompleted(SandboxRuntime sandbox) throws Exception {
    JsonNode recording = sandbox.activities().run("zoom/recordings.list", sandbox.connection(),
        Json.MAPPER.createObjectNode()).output().path("meetings").get(0);
    ObjectNode event = Json.MAPPER.createObjectNode().put("event", "recording.completed")
        .put("event_ts", 1_765_000_000_000L);
    event.putObject("payload").put("account_id", sandbox.runtime.sandbox().connection().identity().accountId())
        .set("object", recording);
    return Json.MAPPER.writeValueAsString(event);
  }

  /** Zoom's delivery key ({@code ZoomEvents}): the event, its time and the payload's digest. */
  private static String deliveryKey(String body) throws Exception {
    JsonNode event = Json.MAPPER.readTree(body);
    return event.path("event").asString() + ":" + event.path("event_ts").asLong() + ":" + HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(event.path("payload").toString()
            .getBytes(StandardCharsets.UTF_8)));
  }

  /** POSTs the body to a replica's Zoom webhook route, signed as Zoom signs. */
  private static JsonNode deliver(PatchbayServer replica, String body) throws Exception {
    long timestamp = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
        .getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port()
            + "/webhooks/zoom")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("x-zm-request-timestamp", String.valueOf(timestamp))
        .header("x-zm-signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.MAPPER.readTree(answer.body());
  }

  /** Waits (up to 60 s) for a replica to have processed an event. */
  private static JsonNode awaitProcessed(PatchbayServer replica, String id) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode event = null;
    while (System.nanoTime() < until) {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + replica.port() + "/api/webhooks/events/" + id)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + API_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
      event = Json.MAPPER.readTree(answer.body());
      if (!event.path("status").asString().equals("QUEUED") && !event.path("status").asString()
          .equals("PROCESSING")) {
        assertEquals("PROCESSED", event.path("status").asString(), event.toString());
        return event;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("event " + id + " is still " + event);
  }
}
