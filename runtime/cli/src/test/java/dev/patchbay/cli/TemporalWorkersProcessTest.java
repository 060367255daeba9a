package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import dev.patchbay.store.postgres.testing.PostgresServer;
import dev.patchbay.temporal.SealingPayloadCodec;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalRuns;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalUnavailableException;
import dev.patchbay.temporal.activity.StepProgress;
import dev.patchbay.temporal.workflow.RunRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Patchbay on a real Temporal service in processes of their own: Temporal's Java test server on a port, and three
 * {@code patchbay worker} processes on one Patchbay home whose store is a PostgreSQL database (its connections, rate
 * limits and run records), with a Zoom connection that is a Server-to-Server one to the Zoom sandbox (run by this
 * test). Runs are started here; a worker running a step is killed with SIGKILL. A fourth worker, on a task queue of
 * its own, reaches PostgreSQL and Temporal through {@link CuttableTcpProxy proxies} that cut it off for 10 s.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TemporalWorkersProcessTest {

  private static final String QUEUE = "patchbay-processes";
  /** The queue of the worker that loses the database or Temporal: the one worker running its runs' steps. */
  private static final String OUTAGE_QUEUE = "patchbay-outage";
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  /** Short, so a killed worker's step moves on within seconds. */
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Path LOGS = Path.of("target", "temporal-processes");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Path home;
  private static ChildJvm temporalServer;
  private static final List<ChildJvm> workers = new ArrayList<>();
  private static int workerCount;
  private static String target;
  private static PatchbayRuntime sandboxRuntime;
  private static SandboxSession sandbox;
  private static PatchbayRuntime runtime;
  private static TemporalConnection temporal;
  private static TemporalRuns runs;
  private static String databaseUrl;
  private static CuttableTcpProxy databaseLink;
  private static CuttableTcpProxy temporalLink;
  private static ChildJvm outageWorker;
  /** Outage runs keep Temporal's default heartbeat timeout (30 s): a 10 s cut must not move a step elsewhere. */
  private static TemporalRuns outageRuns;
  private static final List<PatchbayRuntime> sandboxRuntimes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    home = Files.createTempDirectory("patchbay-temporal-processes-");
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    PostgresServer postgres = PostgresServer.get();
    databaseUrl = postgres.createDatabase();
    Path passwordFile = home.resolve("store-password");
    Files.writeString(passwordFile, PostgresServer.PASSWORD + "\n");
    Files.writeString(Files.createDirectories(home.resolve("config")).resolve("store.properties"), "store.url = "
        + databaseUrl + "\nstore.passwordFile = " + passwordFile + "\n");
    databaseLink = CuttableTcpProxy.to(postgres.port());
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    target = "127.0.0.1:" + port;
    temporalServer = ChildJvm.start("temporal-test-server", LOGS.resolve("temporal-test-server.log"), Map.of(),
        "io.temporal.testserver.TestServer", String.valueOf(port));
    temporalLink = CuttableTcpProxy.to(port);
    // Made first, and with it the home's master key, which every worker then reads.
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of(PatchbayHome.ENV, home.toString())).start();
    temporal = connect(TemporalSettings.of(target).withTaskQueue(QUEUE).withHeartbeatTimeout(HEARTBEAT_TIMEOUT));
    runs = new TemporalRuns(temporal.client(), temporal.settings());
    outageRuns = new TemporalRuns(temporal.client(), TemporalSettings.of(target).withTaskQueue(OUTAGE_QUEUE));

    // The Zoom sandbox runs here; the workers reach it through a Server-to-Server connection in their home.
    Path sandboxHome = Files.createTempDirectory("patchbay-temporal-sandbox-");
    BuiltPlugins.copyZoomInto(sandboxHome.resolve("plugins"));
    sandboxRuntime = PatchbayRuntime.builder().home(new PatchbayHome(sandboxHome))
        .environment(Map.of(PatchbayHome.ENV, sandboxHome.toString())).start();
    sandbox = sandboxRuntime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
    addConnection("zoom", sandbox);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ChildJvm worker : workers) {
      worker.close();
    }
    if (outageWorker != null) {
      outageWorker.close();
    }
    for (CuttableTcpProxy link : new CuttableTcpProxy[] {databaseLink, temporalLink}) {
      if (link != null) {
        link.close();
      }
    }
    if (temporal != null) {
      temporal.close();
    }
    if (temporalServer != null) {
      temporalServer.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (sandboxRuntime != null) {
      sandboxRuntime.close();
    }
    for (PatchbayRuntime fresh : sandboxRuntimes) {
      fresh.close();
    }
  }

  @BeforeEach
  void threeWorkers() throws Exception {
    control("{\"clearFaults\": true}");
    workers.removeIf(worker -> !worker.isAlive());
    while (workers.size() < 3) {
      String name = "worker-" + (++workerCount);
      ChildJvm worker = ChildJvm.start(name, LOGS.resolve(name + ".log"), Map.of(), "dev.patchbay.cli.Main",
          "worker", "--temporal", target, "--task-queue", QUEUE, "--concurrency", "4", "--cached-runs", "0",
          "--home", home.toString());
      workers.add(worker);
    }
    for (ChildJvm worker : workers) {
      worker.awaitOutput("Worker polling task queue " + QUEUE, START_TIMEOUT);
    }
  }

  @Test
  void theArchiveRunsAcrossWorkersAndADownloadWhoseWorkerWasKilledResumesOnAnother() throws Exception {
    // Slow enough that a download is under way when its worker is killed.
    control("{\"downloadBytesPerSecond\": 200000}");
    Path archive = Files.createTempDirectory("patchbay-temporal-archive-");
    RunRequest request = runs.prepare(runtime, Path.of("..", "..", "examples", "workflows",
        "archive-recordings.yaml"), Map.of("folder", archive.toString()), Map.of("zoom", "zoom"),
        TemporalRuns.newRunId());
    assertTrue(runs.start(request, request.runId()));

    PendingActivityInfo downloading = awaitActivity(request.runId(), activity -> progress(activity)
        .filter(progress -> progress.done() > 0 && progress.done() < progress.total()).isPresent());
    ChildJvm killed = workerOf(downloading);
    killed.kill();
    control("{\"downloadBytesPerSecond\": 0}");

    RunRecord record = result(request.runId());
    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    List<ItemRecord> downloads = record.step("download").orElseThrow().items();
    List<ItemRecord> deletes = record.step("delete").orElseThrow().items();
    int resumed = 0;
    for (int i = 0; i < downloads.size(); i++) {
      ItemRecord download = downloads.get(i);
      assertEquals(StepStatus.SUCCEEDED, download.status());
      JsonNode file = download.output().path("files").get(0);
      String fileId = download.item().path("id").asString();
      // Whole, from one request from its first byte: a download cut off went on from the bytes it had (Range).
      assertEquals(download.item().path("file_size").asLong(), Files.size(Path.of(file.path("path").asString())));
      long requests = count("/_sandbox/requests?pathPrefix=/rec/files/" + fileId);
      long ranged = count("/_sandbox/requests?ranged=true&pathPrefix=/rec/files/" + fileId);
      assertEquals(1, requests - ranged, fileId + ": " + requests + " requests, " + ranged + " of them ranged");
      resumed += ranged;
      assertEquals(StepStatus.SUCCEEDED, deletes.get(i).status());
    }
    assertTrue(resumed >= 1, "the download cut off by the kill was resumed");
    // The steps were finished (the worker of each activity's last attempt, in the run's history) by workers other
    // than the one killed in a download: the run went on without it.
    Set<String> finishers = temporal.client().fetchHistory(request.runId()).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .map(event -> event.getActivityTaskStartedEventAttributes().getIdentity())
        .collect(Collectors.toCollection(TreeSet::new));
    finishers.remove(downloading.getLastWorkerIdentity());
    assertFalse(finishers.isEmpty(), "no worker but the killed one finished a step");
    try (Stream<Path> files = Files.list(archive)) {
      assertEquals(downloads.size(), files.filter(file -> !file.toString().endsWith(".part")).count());
    }
    // The run's record is where runs list/show read it, as the workers wrote it.
    CliRun shown = CliRun.inHome(home, "runs", "show", request.runId());
    assertEquals(0, shown.exitCode(), shown.toString());
    assertTrue(shown.out().contains("SUCCEEDED"), shown.out());
  }

  @Test
  void aMeetingCreateWhoseWorkerWasKilledIsNotSentAgainAndTheRunEndsOnAnotherWorker() throws Exception {
    long meetingsBefore = count("/_sandbox/requests?pathPrefix=/v2/users/me/meetings");
    // The create waits at the sandbox long enough to kill its worker; the sandbox creates the meeting all the same.
    control("{\"latencyMillis\": 6000}");
    RunRequest request = runs.prepare(runtime, Path.of("src", "test", "resources", "temporal",
        "create-then-read.yaml"), Map.of(), Map.of("zoom", "zoom"), TemporalRuns.newRunId());
    assertTrue(runs.start(request, request.runId()));

    // Killed once the create has reached the sandbox (counted as it arrives, before the wait).
    awaitCount("/_sandbox/requests?pathPrefix=/v2/users/me/meetings", meetingsBefore + 1);
    ChildJvm killed = workerOf(awaitActivity(request.runId(), activity -> true));
    killed.kill();
    control("{\"latencyMillis\": 0}");

    RunRecord record = result(request.runId());
    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    assertEquals(StepStatus.CONTINUED, record.step("create").orElseThrow().status());
    assertEquals("TIMEOUT", record.step("create").orElseThrow().error().code().name());
    assertTrue(record.step("create").orElseThrow().error().message().contains("not sent again"),
        record.step("create").orElseThrow().error().message());
    assertEquals(StepStatus.SUCCEEDED, record.step("me").orElseThrow().status());
    // One request reached the sandbox and nobody sent it again; the sandbox makes the meeting once its wait is over,
    // which may be after the run ended.
    assertEquals(meetingsBefore + 1, count("/_sandbox/requests?pathPrefix=/v2/users/me/meetings"));
    List<JsonNode> made = awaitMeetings("created by a worker that was killed");
    assertEquals(1, made.size(), made.toString());
  }

  @Test
  void runOnTemporalShowsTheLocalDisplayAndExitsWithTheRunsCode() throws Exception {
    CliRun succeeded = CliRun.inHome(home, "run", "src/test/resources/temporal/read-me.yaml", "--temporal", target,
        "--task-queue", QUEUE, "--connection", "zoom=zoom");
    assertEquals(ExitCode.OK, succeeded.exitCode(), succeeded::toString);
    String runId = runIdIn(succeeded.out());
    assertLinesInOrder(succeeded.out(), "Started on Temporal at " + target + " (task queue " + QUEUE
        + ") as workflow " + runId + "; Ctrl-C stops following", "Run " + runId + " (1 step)", "[1/1] me",
        "      me SUCCEEDED (1 attempt", "Run " + runId + " SUCCEEDED");

    Path failing = Path.of("src/test/resources/temporal/get-a-missing-meeting.yaml");
    CliRun local = CliRun.inHome(home, "run", failing.toString(), "--connection", "zoom=zoom");
    CliRun failed = CliRun.inHome(home, "run", failing.toString(), "--temporal", target, "--task-queue", QUEUE,
        "--connection", "zoom=zoom");
    // The exit code and the failure's sentence are a local run's.
    assertEquals(ExitCode.NOT_FOUND, local.exitCode(), local::toString);
    assertEquals(local.exitCode(), failed.exitCode(), failed::toString);
    String failedId = runIdIn(failed.out());
    assertLinesInOrder(failed.out(), "Run " + failedId + " (1 step)", "[1/1] get", "      get FAILED (1 attempt",
        "      NOT_FOUND: ", "Run " + failedId + " FAILED");
    String localSentence = local.err().lines().filter(line -> line.contains(" failed at step 'get'")).findFirst()
        .orElseThrow(() -> new AssertionError(local));
    assertTrue(failed.err().lines().anyMatch(line -> line.equals(localSentence.replace(
        localSentence.substring(4, localSentence.indexOf(" failed")), failedId))), failed::toString);
  }

  @Test
  void aRunStartedBeforeAnyWorkerPollsIsFollowedOnceOneDoes() throws Exception {
    String queue = "patchbay-no-worker-yet";
    try (ChildJvm run = ChildJvm.start("run-before-a-worker", LOGS.resolve("run-before-a-worker.log"), Map.of(),
        "dev.patchbay.cli.Main", "run", "src/test/resources/temporal/read-me.yaml", "--temporal", target,
        "--task-queue", queue, "--connection", "zoom=zoom", "--home", home.toString())) {
      run.awaitOutput("Waiting for a worker: none has answered for run ", START_TIMEOUT);
      try (ChildJvm worker = ChildJvm.start("late-worker", LOGS.resolve("late-worker.log"), Map.of(),
          "dev.patchbay.cli.Main", "worker", "--temporal", target, "--task-queue", queue, "--cached-runs", "0",
          "--home", home.toString())) {
        assertEquals(ExitCode.OK, run.awaitExit(Duration.ofMinutes(2)), run.output());
        assertTrue(worker.isAlive(), "the worker that took it runs on");
      }
      String out = run.output();
      String runId = runIdIn(out);
      assertLinesInOrder(out, "Waiting for a worker: none has answered for run " + runId + " on task queue " + queue
          + " yet (start one with 'patchbay worker --temporal " + target + " --task-queue " + queue + "')",
          "Run " + runId + " (1 step)", "[1/1] me", "      me SUCCEEDED (1 attempt", "Run " + runId + " SUCCEEDED");
      assertEquals(1, out.split("Waiting for a worker", -1).length - 1, "said once: " + out);
    }
  }

  @Test
  void ctrlCStopsFollowingAndTheRunGoesOnOnTheWorkers() throws Exception {
    String connection = "zoom-interrupted";
    String baseUrl = freshSandbox(connection);
    // Downloads go slowly until the test lets them go: the run is under way when Ctrl-C comes.
    control(baseUrl, "{\"downloadBytesPerSecond\": 100000}");
    Path archive = Files.createTempDirectory("patchbay-temporal-interrupted-");
    try (ChildJvm run = ChildJvm.startInterruptible("run-interrupted", LOGS.resolve("run-interrupted.log"),
        Map.of(), "dev.patchbay.cli.Main", "run", "../../examples/workflows/archive-recordings.yaml", "--input",
        "folder=" + archive, "--temporal", target, "--task-queue", QUEUE, "--connection", "zoom=" + connection,
        "--home", home.toString())) {
      run.awaitOutput("] download: ", START_TIMEOUT);
      run.interrupt();

      // The JVM's exit code for SIGINT (128 + 2), as the shell gives for any command stopped by Ctrl-C.
      assertEquals(130, run.awaitExit(Duration.ofSeconds(60)), run.output());
      String runId = runIdIn(run.output());
      assertTrue(run.output().contains("Stopped following run " + runId + "; it goes on on the workers. See it with "
          + "'patchbay runs show " + runId + "'"), run.output());
      assertTrue(!run.output().contains("Run " + runId + " SUCCEEDED"), "stopped before the end: " + run.output());

      control(baseUrl, "{\"downloadBytesPerSecond\": 0}");
      RunRecord record = result(runId);
      assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
      assertTrue(!record.step("download").orElseThrow().items().isEmpty());
      CliRun shown = CliRun.inHome(home, "runs", "show", runId);
      assertEquals(ExitCode.OK, shown.exitCode(), shown::toString);
      assertTrue(shown.out().contains("SUCCEEDED"), shown::toString);
    }
  }

  @Test
  void serveOnTemporalRefusesTriggerWorkflowsThatReadTheEnvironmentOrTakeSecrets() throws Exception {
    Path triggers = Path.of("src/test/resources/temporal/triggers-env");
    // Set here, so the local checks pass: only Temporal's rules refuse the files.
    try (ChildJvm serve = ChildJvm.start("serve-refused", LOGS.resolve("serve-refused.log"),
        Map.of("PATCHBAY_VAR_ARCHIVE", "/tmp/archive"), "dev.patchbay.cli.Main", "serve", "--port", "0",
        "--triggers", triggers.toString(), "--temporal", target, "--task-queue", QUEUE, "--home",
        home.toString())) {
      assertEquals(ExitCode.USAGE, serve.awaitExit(START_TIMEOUT), serve.output());
      String out = serve.output();
      assertTrue(out.contains(triggers.resolve("reads-the-environment.yaml") + ":10: /outputs/archive: "
          + "env.PATCHBAY_VAR_ARCHIVE: a run on Temporal reads no environment variables"), out);
      assertTrue(out.contains(triggers.resolve("takes-a-secret.yaml") + ": /inputs: secret inputs (token) cannot "
          + "run on Temporal"), out);
      assertTrue(out.contains("2 problems in the trigger workflows of " + triggers + "; the server was not "
          + "started"), out);
      assertTrue(!out.contains("not-a-real-token"), out);
    }
  }

  @Test
  void serveOnTemporalStartsWithTriggerWorkflowsThatKeepItsRules() throws Exception {
    Path triggers = Path.of("src/test/resources/temporal/triggers-ok");
    try (ChildJvm serve = ChildJvm.start("serve", LOGS.resolve("serve.log"), Map.of(), "dev.patchbay.cli.Main",
        "serve", "--port", "0", "--triggers", triggers.toString(), "--temporal", target, "--task-queue", QUEUE,
        "--home", home.toString())) {
      serve.awaitOutput("Runs on events start on Temporal at " + target + " (task queue " + QUEUE + "), one per "
          + "delivery", START_TIMEOUT);
      assertTrue(serve.output().contains("workflows run on events: read-me-on-an-event.yaml on "
          + "zoom/recording.completed"), serve.output());
    }
  }

  @Test
  void aWorkerThatLosesTheDatabaseFor10sRecoversWithoutLosingOrDuplicatingAStep() throws Exception {
    runThroughAnOutage(databaseLink, "zoom-database-outage");
  }

  @Test
  void aWorkerThatLosesTemporalFor10sRecoversWithoutLosingOrDuplicatingAStep() throws Exception {
    runThroughAnOutage(temporalLink, "zoom-temporal-outage");
  }

  /**
   * A cut longer than the store's wait for a connection (10 s): the step's lookups fail, and it runs again, once,
   * when the database answers; the meeting is created once and the record written whole.
   */
  @Test
  void aStepWhoseDatabaseStaysOutOfReachRunsAgainOnceItAnswers() throws Exception {
    ChildJvm worker = outageWorker();
    String connection = "zoom-long-database-outage";
    String baseUrl = freshSandbox(connection);
    RunRequest request = outageRuns.prepare(runtime, Path.of("src", "test", "resources", "temporal",
        "create-a-meeting.yaml"), Map.of(), Map.of("zoom", connection), TemporalRuns.newRunId());
    databaseLink.cut();
    try {
      assertTrue(outageRuns.start(request, request.runId()));
      worker.awaitOutput("step create of run " + request.runId(), Duration.ofSeconds(90));
    } finally {
      databaseLink.restore();
    }

    RunRecord record = result(request.runId());
    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    assertEquals(1, count(baseUrl, "/_sandbox/requests?pathPrefix=/v2/users/me/meetings"));
    assertEquals(Json.MAPPER.valueToTree(record),
        Json.MAPPER.valueToTree(runtime.workflows().records().find(request.runId()).orElseThrow()));
    assertTrue(worker.isAlive(), "the worker cut off is still running");
  }

  /**
   * Runs recordings' downloads, a meeting's creation and the recordings' deletion on the one worker of the outage
   * queue, each run against a sandbox of its own, and cuts that worker's {@code link} for 10 s while a download is
   * under way; the steps after it start during the cut.
   */
  private static void runThroughAnOutage(CuttableTcpProxy link, String connection) throws Exception {
    ChildJvm worker = outageWorker();
    String baseUrl = freshSandbox(connection);
    control(baseUrl, "{\"downloadBytesPerSecond\": 200000}");
    Path archive = Files.createTempDirectory("patchbay-temporal-outage-");
    RunRequest request = outageRuns.prepare(runtime, Path.of("src", "test", "resources", "temporal",
        "archive-with-a-meeting.yaml"), Map.of("folder", archive.toString()), Map.of("zoom", connection),
        TemporalRuns.newRunId());
    assertTrue(outageRuns.start(request, request.runId()));
    // A download under way: it has reached the sandbox, which sends it slowly.
    awaitCount(baseUrl, "/_sandbox/requests?pathPrefix=/rec/files/", 1);

    link.cut();
    try {
      control(baseUrl, "{\"downloadBytesPerSecond\": 0}");
      // The outage's length, not a wait for anything: the worker is cut off meanwhile.
      Thread.sleep(OUTAGE.toMillis());
    } finally {
      link.restore();
    }

    RunRecord record = result(request.runId());
    assertEquals(RunStatus.SUCCEEDED, record.status(), () -> Json.MAPPER.writeValueAsString(record));
    List<ItemRecord> downloads = record.step("download").orElseThrow().items();
    List<ItemRecord> deletes = record.step("delete").orElseThrow().items();
    assertTrue(downloads.size() >= 2, "the sandbox has recordings to archive: " + downloads.size());
    for (int i = 0; i < downloads.size(); i++) {
      ItemRecord download = downloads.get(i);
      assertEquals(StepStatus.SUCCEEDED, download.status(), () -> Json.MAPPER.writeValueAsString(record));
      String fileId = download.item().path("id").asString();
      Path file = Path.of(download.output().path("files").get(0).path("path").asString());
      assertEquals(download.item().path("file_size").asLong(), Files.size(file));
      // Downloaded once, whole: one request, from the first byte.
      assertEquals(1, count(baseUrl, "/_sandbox/requests?pathPrefix=/rec/files/" + fileId), fileId);
      ItemRecord delete = deletes.get(i);
      assertEquals(StepStatus.SUCCEEDED, delete.status(), () -> Json.MAPPER.writeValueAsString(record));
      assertTrue(!delete.startedAt().isBefore(download.endedAt()), "deleted only once downloaded: " + fileId);
    }
    // Per file, the download's look-up of its meeting's recordings and one deletion: the run's only requests under
    // /v2/meetings/.
    assertEquals(2L * downloads.size(), count(baseUrl, "/_sandbox/requests?pathPrefix=/v2/meetings/"));
    StepRecord create = record.step("create").orElseThrow();
    assertEquals(StepStatus.SUCCEEDED, create.status(), () -> Json.MAPPER.writeValueAsString(create));
    assertEquals(1, count(baseUrl, "/_sandbox/requests?pathPrefix=/v2/users/me/meetings"));
    // The record in the database is the run's own, whole.
    RunRecord stored = runtime.workflows().records().find(request.runId()).orElseThrow();
    assertEquals(Json.MAPPER.valueToTree(record), Json.MAPPER.valueToTree(stored));

    // The worker came through: alive, and it takes the next run.
    assertTrue(worker.isAlive(), "the worker cut off is still running");
    RunRequest next = outageRuns.prepare(runtime, Path.of("src", "test", "resources", "temporal", "read-me.yaml"),
        Map.of(), Map.of("zoom", connection), TemporalRuns.newRunId());
    assertTrue(outageRuns.start(next, next.runId()));
    assertEquals(RunStatus.SUCCEEDED, result(next.runId()).status());
  }

  /** The worker of the outage queue, started on first use, reaching PostgreSQL and Temporal through the proxies. */
  private static ChildJvm outageWorker() throws Exception {
    if (outageWorker == null || !outageWorker.isAlive()) {
      String throughProxy = databaseUrl.replace(":" + PostgresServer.get().port() + "/", ":" + databaseLink.port()
          + "/");
      outageWorker = ChildJvm.start("outage-worker", LOGS.resolve("outage-worker.log"),
          Map.of("PATCHBAY_STORE", throughProxy, "PATCHBAY_STORE_PASSWORD", PostgresServer.PASSWORD),
          "dev.patchbay.cli.Main", "worker", "--temporal", "127.0.0.1:" + temporalLink.port(), "--task-queue",
          OUTAGE_QUEUE, "--concurrency", "4", "--cached-runs", "0", "--home", home.toString());
    }
    outageWorker.awaitOutput("Worker polling task queue " + OUTAGE_QUEUE, START_TIMEOUT);
    return outageWorker;
  }

  /** A Zoom sandbox of its own (its recordings untouched, its requests counted from 0) as connection {@code name}. */
  private static String freshSandbox(String name) throws Exception {
    Path freshHome = Files.createTempDirectory("patchbay-temporal-sandbox-");
    BuiltPlugins.copyZoomInto(freshHome.resolve("plugins"));
    PatchbayRuntime fresh = PatchbayRuntime.builder().home(new PatchbayHome(freshHome))
        .environment(Map.of(PatchbayHome.ENV, freshHome.toString())).start();
    sandboxRuntimes.add(fresh);
    SandboxSession session = fresh.openSandbox("zoom", "oauth", SandboxOptions.defaults());
    addConnection(name, session);
    return session.running().baseUrl();
  }

  private static void addConnection(String name, SandboxSession session) throws Exception {
    CliRun added = CliRun.inHomeWithInput(home, "sandbox-s2s-secret\n", "connections", "add", "zoom", "--auth",
        "server-to-server", "--name", name, "--base-url", session.running().baseUrl(), "--token-url",
        session.running().tokenUrl(), "--field", "clientId=PbxSandboxS2SApp0001", "--field",
        "accountId=pbxSandboxAccount00001", "--field-stdin", "clientSecret");
    assertEquals(0, added.exitCode(), added.toString());
  }

  /** The meetings with this topic, once there is one (at most 30 s). */
  private static List<JsonNode> awaitMeetings(String topic) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<JsonNode> found = new ArrayList<>();
      runtime.activities().run("zoom/meetings.list", "zoom", Json.MAPPER.createObjectNode()).output()
          .path("meetings").forEach(meeting -> {
            if (meeting.path("topic").asString().equals(topic)) {
              found.add(meeting);
            }
          });
      if (!found.isEmpty() || System.nanoTime() > until) {
        return found;
      }
      Thread.sleep(200);
    }
  }

  /** Waits for a started step activity of the run that {@code wanted} accepts. */
  private static PendingActivityInfo awaitActivity(String runId, Predicate<PendingActivityInfo> wanted)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < until) {
      for (PendingActivityInfo activity : temporal.client().getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(temporal.settings().namespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId)).build())
          .getPendingActivitiesList()) {
        if (!activity.getLastWorkerIdentity().isEmpty() && wanted.test(activity)) {
          return activity;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such step of run " + runId + " started within 120 s");
  }

  private static Optional<StepProgress> progress(PendingActivityInfo activity) {
    if (!activity.hasHeartbeatDetails()) {
      return Optional.empty();
    }
    return Optional.ofNullable(temporal.client().getOptions().getDataConverter().fromPayloads(0,
        Optional.of(activity.getHeartbeatDetails()), StepProgress.class, StepProgress.class));
  }

  /** The run id {@code run --temporal} started, from the line that says so. */
  private static String runIdIn(String output) {
    java.util.regex.Matcher started = java.util.regex.Pattern.compile(" as workflow (\\d{8}-\\d{6}-\\w+);")
        .matcher(output);
    assertTrue(started.find(), output);
    return started.group(1);
  }

  /** Each of {@code starts} begins a line of {@code output}, in this order. */
  private static void assertLinesInOrder(String output, String... starts) {
    List<String> lines = output.lines().toList();
    int at = 0;
    for (String start : starts) {
      while (at < lines.size() && !lines.get(at).startsWith(start)) {
        at++;
      }
      assertTrue(at < lines.size(), "no line starting '" + start + "' where expected in:\n" + output);
      at++;
    }
  }

  /** The worker process that runs the activity: Temporal's worker identity is {@code pid@host}. */
  private static ChildJvm workerOf(PendingActivityInfo activity) {
    String identity = activity.getLastWorkerIdentity();
    long pid = Long.parseLong(identity.substring(0, identity.indexOf('@')));
    return workers.stream().filter(worker -> worker.pid() == pid).findFirst()
        .orElseThrow(() -> new AssertionError("no worker of this test is " + identity));
  }

  private static RunRecord result(String runId) throws Exception {
    String json = temporal.client().newUntypedWorkflowStub(runId).getResult(3, TimeUnit.MINUTES, String.class);
    return Json.MAPPER.readValue(json, RunRecord.class);
  }

  private static TemporalConnection connect(TemporalSettings settings) throws Exception {
    long until = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        return TemporalConnection.open(settings, SealingPayloadCodec.converter(runtime.sealing()));
      } catch (TemporalUnavailableException e) {
        if (System.nanoTime() > until || !temporalServer.isAlive()) {
          throw new AssertionError("the Temporal test server did not come up: " + e.getMessage());
        }
        Thread.sleep(200);
      }
    }
  }

  private static JsonNode sandboxCall(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> answer = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.MAPPER.readTree(answer.body());
  }

  private static void control(String json) throws IOException, InterruptedException {
    control(sandbox.running().baseUrl(), json);
  }

  private static void control(String baseUrl, String json) throws IOException, InterruptedException {
    sandboxCall(HttpRequest.newBuilder(URI.create(baseUrl).resolve("/_sandbox/control"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static long count(String path) throws IOException, InterruptedException {
    return count(sandbox.running().baseUrl(), path);
  }

  private static long count(String baseUrl, String path) throws IOException, InterruptedException {
    return sandboxCall(HttpRequest.newBuilder(URI.create(baseUrl).resolve(path)).GET()).path("count").asLong();
  }

  private static void awaitCount(String path, long expected) throws IOException, InterruptedException {
    awaitCount(sandbox.running().baseUrl(), path, expected);
  }

  private static void awaitCount(String baseUrl, String path, long expected) throws IOException,
      InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (count(baseUrl, path) < expected) {
      if (System.nanoTime() > until) {
        throw new AssertionError(path + " did not reach " + expected);
      }
      Thread.sleep(100);
    }
  }
}
