package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import dev.patchbay.temporal.workflow.RunRequest;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.RequestAttempts;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Workflow semantics on Temporal's test environment (a real Temporal service in-process, with time skipping), the
 * steps run by the Patchbay runner against the Zoom sandbox.
 */
class TemporalWorkflowTest {

  private static final String QUEUE = "patchbay-test";
  private static SandboxRuntime sandbox;

  private TestWorkflowEnvironment temporal;
  private TemporalRuns runs;

  @TempDir
  Path folder;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = SandboxRuntime.start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void startTemporal() {
    temporal = TestWorkflowEnvironment.newInstance();
    TemporalWorker.register(temporal.newWorker(QUEUE), sandbox.activities(),
        sandbox.workflows().records());
    temporal.start();
    runs = new TemporalRuns(temporal.getWorkflowClient(), TemporalSettings.of("in-process").withTaskQueue(QUEUE));
    sandbox.http().control("{\"clearFaults\": true}");
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void controlFlowIsTheLocalEngines() throws Exception {
    Path file = resource("semantics.yaml");
    RunRecord onTemporal = runOnTemporal(file, Map.of());
    WorkflowRun local = sandbox.workflows().run(file, Map.of(), overrides(), RunListener.NONE);

    assertEquals(RunStatus.SUCCEEDED, onTemporal.status());
    assertEquals(comparable(local.record()), comparable(onTemporal));
    assertEquals("SKIPPED", onTemporal.outputs().path("skipped").asString());
    assertEquals("CONTINUED", onTemporal.outputs().path("each").asString());
    assertEquals(List.of("FAILED", "SKIPPED", "FAILED"), onTemporal.step("each").orElseThrow().items().stream()
        .map(item -> item.status().name()).toList());
    assertEquals("NOT_FOUND", onTemporal.outputs().path("failedWith").asString());
    assertEquals(StepStatus.HANDLED, onTemporal.step("fails").orElseThrow().status());
    assertEquals(StepStatus.SKIPPED, onTemporal.step("jumped").orElseThrow().status());
    assertEquals(StepStatus.SUCCEEDED, onTemporal.step("after").orElseThrow().status());
  }

  @Test
  void aFailedElementStopsNewOnesAndTheRun() throws Exception {
    RunRecord record = runOnTemporal(resource("stops-after-failure.yaml"), Map.of());

    assertEquals(RunStatus.FAILED, record.status());
    assertEquals("each", record.failedStep());
    assertEquals(ErrorCode.NOT_FOUND, record.error().code());
    List<ItemRecord> items = record.step("each").orElseThrow().items();
    // Parallelism 2: the first two start together, both fail, and nothing else starts.
    assertEquals(List.of(StepStatus.FAILED, StepStatus.FAILED, StepStatus.PENDING, StepStatus.PENDING,
        StepStatus.PENDING, StepStatus.PENDING), items.stream().map(ItemRecord::status).toList());
    assertEquals(StepStatus.PENDING, record.step("never").orElseThrow().status());
  }

  @Test
  void aForEachNeverHasMoreElementsUnderWayThanItsParallelism() throws Exception {
    RunRecord record = runOnTemporal(resource("parallel-elements.yaml"), Map.of());

    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    assertEquals(7, record.step("each").orElseThrow().items().size());
    // Under way: scheduled on Temporal and not yet closed, as the run's history tells it event by event.
    int underWay = 0;
    int most = 0;
    for (HistoryEvent event : temporal.getWorkflowClient().fetchHistory(record.id()).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        most = Math.max(most, ++underWay);
      } else if (event.hasActivityTaskCompletedEventAttributes() || event.hasActivityTaskFailedEventAttributes()
          || event.hasActivityTaskTimedOutEventAttributes() || event.hasActivityTaskCanceledEventAttributes()) {
        underWay--;
      }
    }
    assertEquals(3, most, "at most parallelism (3) at once, and that many while elements were left");
  }

  @Test
  void aStepsRetryIsTemporalsWithOneRequestPerAttemptAndSkippedBackoff() throws Exception {
    sandbox.http().control("{\"serverErrors\": {\"count\": 2, \"status\": 503, \"pathPrefix\": \"/v2/users/me\"}}");
    int before = sandbox.http().requests("/v2/users/me");
    long startedAt = temporal.currentTimeMillis();

    RunRecord record = runOnTemporal(resource("retried-read.yaml"), Map.of());

    assertEquals(RunStatus.SUCCEEDED, record.status());
    StepRecord me = record.step("me").orElseThrow();
    assertEquals(3, me.attempts());
    // Three requests in all: the runner sent one per Temporal attempt, no retries of its own on top.
    assertEquals(3, sandbox.http().requests("/v2/users/me") - before);
    // Waits of 60 s and 120 s on Temporal's clock, skipped in the test environment.
    assertTrue(temporal.currentTimeMillis() - startedAt >= Duration.ofSeconds(180).toMillis());
  }

  @Test
  void aStepThatIsNotIdempotentIsNotSentAgainAfterAnAnswerThatMayHaveBeenCarriedOut() throws Exception {
    sandbox.http().control("{\"serverErrors\": {\"count\": 1, \"status\": 503, \"pathPrefix\": \"/v2/users/me/meetings\"}}");
    int before = sandbox.http().requests("/v2/users/me/meetings");

    RunRecord record = runOnTemporal(resource("create-once.yaml"), Map.of());

    assertEquals(RunStatus.FAILED, record.status());
    StepRecord create = record.step("create").orElseThrow();
    assertEquals(ErrorCode.UPSTREAM_ERROR, create.error().code());
    assertEquals(1, create.attempts());
    assertEquals(1, sandbox.http().requests("/v2/users/me/meetings") - before);
  }

  @Test
  void aStepThatIsNotIdempotentIsInvokedAgainWhenTheProviderRefusedIt() throws Exception {
    sandbox.http().control("{\"serverErrors\": {\"count\": 1, \"status\": 429, \"pathPrefix\": \"/v2/users/me/meetings\"}}");
    int before = sandbox.http().requests("/v2/users/me/meetings");
    long startedAt = temporal.currentTimeMillis();

    RunRecord record = runOnTemporal(resource("create-once.yaml"), Map.of());

    // A 429 proves the meeting was not created: the workflow invoked it again, after the step's 30 s backoff.
    assertEquals(RunStatus.SUCCEEDED, record.status());
    assertEquals(2, record.step("create").orElseThrow().attempts());
    assertEquals(2, sandbox.http().requests("/v2/users/me/meetings") - before);
    assertTrue(temporal.currentTimeMillis() - startedAt >= Duration.ofSeconds(30).toMillis());
    long id = record.outputs().path("id").asLong();
    JsonNode meeting = sandbox.activities().run("zoom/meetings.get", sandbox.connection(),
        Json.MAPPER.createObjectNode().put("meetingId", id)).output();
    assertEquals("created once", meeting.path("topic").asString());
  }

  @Test
  void aRetryAfterALostAnswerTakesTheProvidersAlreadyDoneAsDone() throws Exception {
    long id = sandbox.activities().run("zoom/meetings.create", sandbox.connection(), Json.MAPPER.readTree(
        "{\"topic\": \"deleted once\", \"type\": 2, \"start_time\": \"2030-01-01T10:00:00Z\", \"duration\": 30}"))
        .output().path("id").asLong();
    // The sandbox deletes it, and the answer never comes back: Temporal's next attempt finds it gone (404).
    sandbox.http().control("{\"loseResponses\": {\"count\": 1, \"pathPrefix\": \"/v2/meetings/" + id + "\"}}");

    RunRecord record = runOnTemporal(resource("delete-meeting.yaml"), Map.of("meetingId", Long.toString(id)));

    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    assertEquals(2, record.step("delete").orElseThrow().attempts());
    assertEquals(2, sandbox.http().requests("/v2/meetings/" + id));
  }

  @Test
  void aRetryAfterAnAnsweredFailureTakesTheProvidersAlreadyDoneAsTheFailureItIs() throws Exception {
    // A 503 answered the first attempt: nothing was deleted by it, so the next attempt's 404 is a meeting that never
    // was, not one the first attempt deleted.
    sandbox.http().control("{\"serverErrors\": {\"count\": 1, \"status\": 503, \"pathPrefix\": \"/v2/meetings/\"}}");

    RunRecord record = runOnTemporal(resource("delete-meeting.yaml"), Map.of("meetingId", "81999999999"));

    assertEquals(RunStatus.FAILED, record.status());
    StepRecord delete = record.step("delete").orElseThrow();
    assertEquals(ErrorCode.NOT_FOUND, delete.error().code());
    assertEquals(2, delete.attempts());
  }

  @Test
  void aStepThatIsNotIdempotentIsInvokedAgainWhenItsRequestNeverLeft() throws Exception {
    var running = sandbox.runtime.sandbox().running();
    int sandboxPort = URI.create(running.baseUrl()).getPort();
    try (LatePort late = LatePort.reserve()) {
      // Open while the connection is added (its identity is asked), then shut: the create cannot connect.
      late.openTo(sandboxPort);
      String connection = sandbox.runtime.connections().add(new NewConnection("zoom", "server-to-server",
          "zoom-late", Map.of("clientId", "PbxSandboxS2SApp0001", "accountId", "pbxSandboxAccount00001"),
          Map.of("clientSecret", Secret.of("sandbox-s2s-secret")), "http://127.0.0.1:" + late.port() + "/v2", null,
          running.tokenUrl(), null), url -> {
            throw new java.io.IOException("no browser: server-to-server needs none");
          }).name();
      late.shut();
      try {
        // The identity call's connection may still be in the runner's pool, where a request would be written to a
        // closed socket (sent, no answer: not this test's case): one local request uses it up. One, so that the
        // provider's circuit breaker stays closed for the create.
        assertThrows(ActivityException.class, () -> sandbox.activities().run("zoom/users.getCurrent", connection,
            Json.MAPPER.createObjectNode(), Progress.NONE, Duration.ofMinutes(1), RequestAttempts.single(false)));
        int before = sandbox.http().requests("/v2/users/me/meetings");
        RunRequest request = runs.prepare(sandbox.runtime, resource("create-once.yaml"), Map.of(),
            Map.of("zoom", connection), TemporalRuns.newRunId());
        assertTrue(runs.start(request, request.runId()));
        // The first invocation could not connect; the workflow waits out the step's 30 s backoff on Temporal's
        // clock, which stands still until the result is awaited: the port opens meanwhile.
        await(() -> temporal.getWorkflowClient().fetchHistory(request.runId()).getEvents().stream()
            .filter(HistoryEvent::hasTimerStartedEventAttributes).findFirst());
        late.openTo(sandboxPort);

        RunRecord record = runs.result(request.runId());

        assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
        assertEquals(2, record.step("create").orElseThrow().attempts());
        assertEquals(1, sandbox.http().requests("/v2/users/me/meetings") - before, "one request reached it");
      } finally {
        sandbox.runtime.connections().remove(connection);
      }
    }
  }

  @Test
  void expressionsReadTemporalsTimeNotTheHosts() throws Exception {
    sandbox.http().control("{\"serverErrors\": {\"count\": 1, \"status\": 503, \"pathPrefix\": \"/v2/users/me\"}}");

    RunRecord record = runOnTemporal(resource("workflow-time.yaml"), Map.of());

    // The retry waited an hour of workflow time, which the test environment skipped: date:now() reads that clock.
    Instant now = Instant.parse(record.outputs().path("now").asString());
    assertTrue(Duration.between(Instant.now(), now).compareTo(Duration.ofMinutes(59)) > 0, now::toString);
  }

  @Test
  void environmentVariablesAndSecretInputsAreRefusedBeforeAnythingStarts() throws Exception {
    WorkflowProblems env = assertThrows(WorkflowProblems.class, () -> runs.prepare(sandbox.runtime,
        resource("reads-env.yaml"), Map.of(), overrides(), TemporalRuns.newRunId()));
    assertTrue(env.problems().get(0).message().startsWith("env.PATCHBAY_VAR_HOME: a run on Temporal reads no "
        + "environment variables"), env.problems().toString());

    Path secret = folder.resolve("secret.yaml");
    Files.writeString(secret, """
        name: secret
        inputs:
          token: {type: string, secret: true}
        steps:
          - id: me
            activity: zoom/users.getCurrent
        """);
    WorkflowProblems secrets = assertThrows(WorkflowProblems.class, () -> runs.prepare(sandbox.runtime, secret,
        Map.of("token", "canary-4f1d"), overrides(), TemporalRuns.newRunId()));
    assertTrue(secrets.problems().get(0).message().contains("secret inputs (token) cannot run on Temporal"),
        secrets.problems().toString());
    assertFalse(secrets.problems().toString().contains("canary-4f1d"));
  }

  @Test
  void aRunIdStartsOneRunHoweverOftenItIsStarted() throws Exception {
    RunRequest request = runs.prepare(sandbox.runtime, resource("retried-read.yaml"), Map.of(), overrides(),
        TemporalRuns.newRunId());

    assertTrue(runs.start(request, "delivery-7c2e"));
    assertFalse(runs.start(request, "delivery-7c2e"));
    assertEquals(RunStatus.SUCCEEDED, runs.result("delivery-7c2e").status());
    assertFalse(runs.start(request, "delivery-7c2e"));
  }

  @Test
  void theArchiveExampleDownloadsEveryFileOnceAndDeletesOnlyWholeOnes() throws Exception {
    Path archive = folder.resolve("archive");
    RunRecord record = runOnTemporal(SandboxRuntime.example("archive-recordings.yaml"),
        Map.of("folder", archive.toString()));

    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    List<ItemRecord> downloads = record.step("download").orElseThrow().items();
    assertFalse(downloads.isEmpty());
    List<ItemRecord> deletes = record.step("delete").orElseThrow().items();
    for (int i = 0; i < downloads.size(); i++) {
      ItemRecord download = downloads.get(i);
      assertEquals(StepStatus.SUCCEEDED, download.status());
      JsonNode file = download.output().path("files").get(0);
      assertEquals(download.item().path("file_size").asLong(), Files.size(Path.of(file.path("path").asString())));
      assertEquals(StepStatus.SUCCEEDED, deletes.get(i).status());
    }
    try (Stream<Path> files = Files.list(archive)) {
      assertEquals(downloads.size(), files.count());
    }
    // The record the workers wrote, element by element, is the run's own.
    assertEquals(Json.MAPPER.valueToTree(record), Json.MAPPER.valueToTree(sandbox.workflows().run(
        record.id())));
  }

  @Test
  void runsListAndShowSeeARunOnTemporalWhileItGoesAndWhenItEnds() throws Exception {
    // Two 503s: the step waits 60 s of Temporal's time, which passes in real time until the result is awaited.
    sandbox.http().control("{\"serverErrors\": {\"count\": 2, \"status\": 503, \"pathPrefix\": \"/v2/users/me\"}}");
    RunRequest request = runs.prepare(sandbox.runtime, resource("retried-read.yaml"), Map.of(), overrides(),
        TemporalRuns.newRunId());
    assertTrue(runs.start(request, request.runId()));

    RunRecord running = await(() -> sandbox.workflows().runs().stream()
        .filter(run -> run.id().equals(request.runId()) && run.step("me").orElseThrow().status()
            == StepStatus.RUNNING).findFirst());
    // No local process holds it, and it is not INTERRUPTED: Temporal drives it.
    assertEquals(RunStatus.RUNNING, running.status());
    assertEquals("retried read", running.workflowName());

    RunRecord result = runs.result(request.runId());
    assertEquals(RunStatus.SUCCEEDED, result.status());
    assertEquals(Json.MAPPER.valueToTree(result), Json.MAPPER.valueToTree(sandbox.workflows().run(
        request.runId())));
  }

  @Test
  void aCancelledRunIsRecordedCancelledAndFollowingItEndsThere() throws Exception {
    RunRequest request = startAWaitingRun();

    temporal.getWorkflowClient().newUntypedWorkflowStub(request.runId()).cancel();

    RunRecord followed = runs.follow(request.runId(), dev.patchbay.engine.workflows.RunListener.NONE,
        notice -> { }, Duration.ofMillis(50));
    assertEquals(RunStatus.CANCELLED, followed.status());
    RunRecord stored = sandbox.workflows().run(request.runId());
    assertEquals(RunStatus.CANCELLED, stored.status());
    assertTrue(stored.endedAt() != null, "the record says when it was cancelled");
  }

  @Test
  void aTerminatedRunKeepsItsLastRecordButFollowingItEndsCancelled() throws Exception {
    RunRequest request = startAWaitingRun();
    // Its step scheduled on Temporal (not only in the record), so its history replays for the query.
    await(() -> runs.record(request.runId()).filter(run -> run.step("me").orElseThrow().status()
        == StepStatus.RUNNING));

    temporal.getWorkflowClient().newUntypedWorkflowStub(request.runId()).terminate("stopped by an operator");

    RunRecord followed = runs.follow(request.runId(), dev.patchbay.engine.workflows.RunListener.NONE,
        notice -> { }, Duration.ofMillis(50));
    assertEquals(RunStatus.CANCELLED, followed.status());
    // Terminated, the workflow ran no more code: its record stays as last written.
    assertEquals(RunStatus.RUNNING, sandbox.workflows().run(request.runId()).status());
  }

  /** A run whose step waits for its next attempt (two 503s) on Temporal's time, which passes only when awaited. */
  private RunRequest startAWaitingRun() throws Exception {
    sandbox.http().control("{\"serverErrors\": {\"count\": 2, \"status\": 503, \"pathPrefix\": \"/v2/users/me\"}}");
    RunRequest request = runs.prepare(sandbox.runtime, resource("retried-read.yaml"), Map.of(), overrides(),
        TemporalRuns.newRunId());
    assertTrue(runs.start(request, request.runId()));
    await(() -> sandbox.workflows().runs().stream().filter(run -> run.id().equals(request.runId())
        && run.step("me").orElseThrow().status() == StepStatus.RUNNING).findFirst());
    return request;
  }

  /** Polls {@code look} until it finds something, for at most 30 s. */
  private static <T> T await(java.util.function.Supplier<java.util.Optional<T>> look) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      java.util.Optional<T> found = look.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not seen within 30 s");
  }

  private RunRecord runOnTemporal(Path file, Map<String, String> inputs) throws Exception {
    RunRequest request = runs.prepare(sandbox.runtime, file, inputs, overrides(), TemporalRuns.newRunId());
    assertTrue(runs.start(request, request.runId()));
    return runs.result(request.runId());
  }

  private Map<String, String> overrides() {
    return Map.of("zoom", sandbox.connection());
  }

  private static Path resource(String name) {
    return Path.of("src/test/resources/workflows").resolve(name);
  }

  /** A record without what differs between any two runs: ids, times, and the file's path. */
  private static JsonNode comparable(RunRecord record) {
    ObjectNode tree = (ObjectNode) Json.MAPPER.valueToTree(record);
    tree.remove(List.of("id", "startedAt", "endedAt", "workflowFile", "resumedAt"));
    tree.path("steps").forEach(step -> {
      ((ObjectNode) step).remove(List.of("startedAt", "endedAt"));
      step.path("items").forEach(item -> ((ObjectNode) item).remove(List.of("startedAt", "endedAt")));
    });
    return tree;
  }
}
