package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The commands on a shared PostgreSQL store: two homes, standing for two machines, name one database in {@code
 * config/store.properties} and hold one master key; what one does the other sees. And every way the store can be
 * wrong ends the command with exit code 4, a sentence naming what to fix, and nothing written.
 */
class SharedStoreCommandsTest {

  static final String TOKEN_CANARY = "canary-shared-webhook-token-5d1e";

  @TempDir
  Path machineA;

  @TempDir
  Path machineB;

  final PostgresServer server = PostgresServer.get();
  final String masterKey = E2e.masterKey();
  String url;

  @BeforeEach
  void shareOneDatabase() throws Exception {
    url = server.createDatabase();
    configure(machineA, url, PostgresServer.PASSWORD);
    configure(machineB, url, PostgresServer.PASSWORD);
  }

  @Test
  void aConnectionMadeOnOneMachineIsListedShownAndUsedOnTheOther() throws Exception {
    try (PatchbayRuntime a = E2e.runtimeLikeTheCli(machineA); RunningSandbox sandbox = E2e.startSandbox(a)) {
      E2e.connect(a, sandbox, "server-to-server", "shared");

      CliRun list = CliRun.inHome(machineB, "connections", "list");
      assertEquals(0, list.exitCode(), list::toString);
      assertTrue(list.out().contains("shared  zoom"), list::toString);
      CliRun run = CliRun.inHome(machineB, "activity", "run", "zoom/users.get", "--connection", "shared",
          "--input", "{\"userId\":\"" + E2e.GRACE_EMAIL + "\"}");
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals(E2e.GRACE_ID, Json.MAPPER.readTree(run.out()).path("id").asString());
      CliRun show = CliRun.inHome(machineB, "connections", "show", "shared");
      assertEquals(0, show.exitCode(), show::toString);
      Path workflow = graceWorkflow(machineB);
      CliRun workflowRun = CliRun.inHome(machineB, "run", workflow.toString(), "--connection", "zoom=shared",
          "--json");
      assertEquals(0, workflowRun.exitCode(), workflowRun::toString);
      assertTrue(workflowRun.out().contains(E2e.GRACE_ID), workflowRun::toString);
      CliRun runs = CliRun.inHome(machineB, "runs", "list");
      assertEquals(0, runs.exitCode(), runs::toString);
      assertTrue(runs.out().contains("grace"), runs::toString);
      assertFalse(Files.exists(machineA.resolve("connections")) || Files.exists(machineB.resolve("connections")),
          "the file store was not used on either machine");
    }
  }

  /**
   * The database refuses to store a renewed token (a full disk): a workflow step and an activity fail as the store
   * (exit 4, {@code store:}), the step's record says so, the connection stays ACTIVE, and it works once the database
   * takes writes again.
   */
  @Test
  void aStoreFailingToKeepARenewedTokenIsAStoreFailureNotAReconnect() throws Exception {
    String database = url.substring(url.lastIndexOf('/') + 1);
    try (PatchbayRuntime a = E2e.runtimeLikeTheCli(machineA); RunningSandbox sandbox = E2e.startSandbox(a)) {
      E2e.connect(a, sandbox, "server-to-server", "shared");
      new dev.patchbay.cli.e2e.SandboxHttp(sandbox).control("{\"expireAccessTokens\":true}");
      server.execute(database, """
          CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';
          END $$;
          CREATE TRIGGER full_disk BEFORE UPDATE OF sealed ON patchbay_connections
            FOR EACH ROW EXECUTE FUNCTION full_disk();""");

      CliRun workflowRun = CliRun.inHome(machineB, "run", graceWorkflow(machineB).toString(), "--connection",
          "zoom=shared", "--json");
      CliRun activity = CliRun.inHome(machineB, "activity", "run", "zoom/users.get", "--connection", "shared",
          "--input", "{\"userId\":\"" + E2e.GRACE_EMAIL + "\"}");

      assertEquals(ExitCode.STORE, workflowRun.exitCode(), workflowRun::toString);
      assertTrue(workflowRun.err().contains(": store (exit 4): the store failed while renewing the access token of "
          + "connection 'shared' (the provider renewed the tokens): "), workflowRun::toString);
      assertTrue(workflowRun.err().contains("No space left on device"), workflowRun::toString);
      JsonNode error = Json.MAPPER.readTree(workflowRun.out()).at("/steps/0/error");
      assertTrue(error.at("/details/store").asBoolean(), error::toString);
      assertEquals(ExitCode.STORE, activity.exitCode(), activity::toString);
      assertTrue(activity.err().startsWith("store: the store failed while renewing the access token of connection "
          + "'shared' (the provider renewed the tokens): "), activity::toString);
      assertTrue(CliRun.inHome(machineB, "connections", "list").out().matches("(?s).*\nshared +zoom +"
          + "server-to-server +ACTIVE .*"), "nothing to reconnect");

      server.execute(database, "DROP TRIGGER full_disk ON patchbay_connections");
      CliRun again = CliRun.inHome(machineB, "activity", "run", "zoom/users.get", "--connection", "shared",
          "--input", "{\"userId\":\"" + E2e.GRACE_EMAIL + "\"}");
      assertEquals(0, again.exitCode(), again::toString);
    }
  }

  @Test
  void aWebhookSecretSetOnOneMachineIsReadOnTheOther() throws Exception {
    CliRun set = CliRun.inHomeWithInput(machineB, TOKEN_CANARY + "\n", "webhooks", "secret", "zoom");
    assertEquals(0, set.exitCode(), set::toString);
    assertFalse(Files.exists(machineB.resolve("webhooks")), "kept in the database, not in files");
    try (PatchbayRuntime a = E2e.runtimeLikeTheCli(machineA)) {
      assertEquals(TOKEN_CANARY, a.webhookSecrets().get("zoom").orElseThrow().reveal());
    }
    CliRun remove = CliRun.inHome(machineA, "webhooks", "secret", "zoom", "--remove");
    assertEquals(0, remove.exitCode(), remove::toString);
    try (PatchbayRuntime b = E2e.runtimeLikeTheCli(machineB)) {
      assertTrue(b.webhookSecrets().get("zoom").isEmpty());
    }
  }

  @Test
  void storeCopyMovesAFileStoreIntoTheDatabaseOnceAndSaysWhat(@TempDir Path files) throws Exception {
    configure(files, null, PostgresServer.PASSWORD);
    try (PatchbayRuntime f = E2e.runtimeLikeTheCli(files); RunningSandbox sandbox = E2e.startSandbox(f)) {
      E2e.connect(f, sandbox, "server-to-server", "moved");
      f.webhookSecrets().set("zoom", dev.patchbay.engine.secrets.Secret.of(TOKEN_CANARY));
      String runId = f.workflows().run(graceWorkflow(files), Map.of(), Map.of("zoom", "moved"), RunListener.NONE)
          .id();

      CliRun copy = CliRun.inHome(files, "store", "copy", "--to", url, "--password-file",
          files.resolve("store-password").toString());
      assertEquals(0, copy.exitCode(), copy::toString);
      assertEquals("Copied to " + url + ":\n  moved\n  webhook secret zoom\n  run " + runId + "\n", copy.out());
      CliRun again = CliRun.inHome(files, "store", "copy", "--to", url, "--password-file",
          files.resolve("store-password").toString());
      assertEquals(0, again.exitCode(), again::toString);
      assertEquals("Already there, kept as they were:\n  moved\n  webhook secret zoom\n  run " + runId + "\n",
          again.out());
      CliRun shown = CliRun.inHome(machineB, "runs", "show", runId, "--json");
      assertEquals(0, shown.exitCode(), shown::toString);
      assertEquals("SUCCEEDED", Json.MAPPER.readTree(shown.out()).path("status").asString());
      assertFalse(copy.toString().contains(TOKEN_CANARY) || again.toString().contains(TOKEN_CANARY));

      CliRun run = CliRun.inHome(machineB, "activity", "run", "zoom/users.get", "--connection", "moved",
          "--input", "{\"userId\":\"" + E2e.GRACE_EMAIL + "\"}");
      assertEquals(0, run.exitCode(), run::toString);
      try (PatchbayRuntime b = E2e.runtimeLikeTheCli(machineB)) {
        assertEquals(TOKEN_CANARY, b.webhookSecrets().get("zoom").orElseThrow().reveal());
      }
      assertTrue(f.connections().list().connections().size() == 1, "the home's files are left as they were");
    }
  }

  @Test
  void anUnreachableServerIsExitCodeFourNamingTheHostAndPort() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String unreachable = "postgresql://patchbay@127.0.0.1:" + closed + "/patchbay";
    configure(machineA, unreachable, PostgresServer.PASSWORD);
    CliRun run = CliRun.inHome(machineA, "connections", "list");
    assertEquals(ExitCode.STORE, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: store: cannot reach PostgreSQL at " + unreachable + " ("), run.err());
    assertTrue(run.err().contains("are the host and port in PATCHBAY_STORE right?"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void aWrongPasswordIsExitCodeFourAndNothingIsWritten() throws Exception {
    configure(machineA, url, "not-the-password");
    CliRun run = CliRun.inHomeWithInput(machineA, TOKEN_CANARY + "\n", "webhooks", "secret", "zoom");
    assertEquals(ExitCode.STORE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("refused user 'patchbay'"), run.err());
    assertTrue(run.err().contains("check the password in PATCHBAY_STORE_PASSWORD or PATCHBAY_STORE_PASSWORD_FILE"),
        run.err());
    assertFalse(run.toString().contains("not-the-password") || run.toString().contains(TOKEN_CANARY));
    assertFalse(Files.exists(machineA.resolve("webhooks")), "no fallback to the file store");
    try (PatchbayRuntime b = E2e.runtimeLikeTheCli(machineB)) {
      assertTrue(b.webhookSecrets().get("zoom").isEmpty());
    }
  }

  @Test
  void aReadOnlyDatabaseIsExitCodeFourBeforeAnythingIsWritten() throws Exception {
    String readOnly = server.createDatabase();
    server.execute("postgres", "ALTER DATABASE " + readOnly.substring(readOnly.lastIndexOf('/') + 1)
        + " SET default_transaction_read_only = on");
    configure(machineA, readOnly, PostgresServer.PASSWORD);
    CliRun run = CliRun.inHomeWithInput(machineA, TOKEN_CANARY + "\n", "webhooks", "secret", "zoom");
    assertEquals(ExitCode.STORE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("is read-only"), run.err());
    assertFalse(Files.exists(machineA.resolve("webhooks")));
  }

  @Test
  void serveDoesNotStartOnAStoreItCannotUse() throws Exception {
    configure(machineA, url, "not-the-password");
    CliRun run = CliRun.inHome(machineA, "serve", "--port", "0");
    assertEquals(ExitCode.STORE, run.exitCode(), run::toString);
    assertFalse(run.out().contains("listening"), run::toString);
  }

  @Test
  void aRunRunningOnOneMachineIsListedAndShownOnTheOtherWhichCannotResumeItUntilItEnds() throws Exception {
    try (PatchbayRuntime a = E2e.runtimeLikeTheCli(machineA); RunningSandbox sandbox = E2e.startSandbox(a)) {
      E2e.connect(a, sandbox, "server-to-server", "shared");
      Path workflow = graceWorkflow(machineA);
      CompletableFuture<String> started = new CompletableFuture<>();
      CountDownLatch release = new CountDownLatch(1);
      RunListener holdTheStep = new RunListener() {
        @Override
        public void runStarted(String runId, int stepCount, boolean resumed) {
          started.complete(runId);
        }

        @Override
        public void stepStarted(int number, String stepId, int itemCount) {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      CompletableFuture<WorkflowRun> running = CompletableFuture.supplyAsync(() -> {
        try {
          return a.workflows().run(workflow, Map.of(), Map.of("zoom", "shared"), holdTheStep);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      String runId;
      try {
        runId = started.get(60, TimeUnit.SECONDS);

        CliRun list = CliRun.inHome(machineB, "runs", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains(runId + "  grace     RUNNING"), list::toString);
        CliRun show = CliRun.inHome(machineB, "runs", "show", runId);
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("Status: RUNNING"), show::toString);
        CliRun resume = CliRun.inHome(machineB, "run", "--resume", runId);
        assertEquals(ExitCode.USAGE, resume.exitCode(), resume::toString);
        assertTrue(resume.err().contains("run " + runId + " is running in another process"), resume::toString);
      } finally {
        release.countDown();
      }
      assertTrue(running.get(60, TimeUnit.SECONDS).succeeded());
      CliRun show = CliRun.inHome(machineB, "runs", "show", runId, "--json");
      assertEquals(0, show.exitCode(), show::toString);
      assertEquals("SUCCEEDED", Json.MAPPER.readTree(show.out()).path("status").asString());
      CliRun page = CliRun.inHome(machineB, "runs", "list", "--json", "--limit", "1", "--offset", "1");
      assertEquals("[ ]", page.out().strip(), page::toString);
    }
  }

  @Test
  void anUnknownOrDamagedRunGetsTheErrorsOfTheFileStore() throws Exception {
    CliRun unknown = CliRun.inHome(machineA, "runs", "show", "20260101-000000-abcd");
    assertEquals(ExitCode.NOT_FOUND, unknown.exitCode(), unknown::toString);
    assertEquals("error: no run 20260101-000000-abcd\n", unknown.err());
    CliRun resume = CliRun.inHome(machineA, "run", "--resume", "20260101-000000-abcd");
    assertEquals(ExitCode.NOT_FOUND, resume.exitCode(), resume::toString);

    String runId;
    try (PatchbayRuntime a = E2e.runtimeLikeTheCli(machineA)) {
      RunRecords records = a.sharedStore().orElseThrow().runRecords();
      try (RunRecords.Held run = records.claim(java.time.Clock.systemUTC())) {
        runId = run.id();
        records.save(new RunRecord(runId, "grace", "/work/grace.yaml", "0".repeat(64), RunStatus.FAILED,
            java.time.Instant.now(), java.time.Instant.now(), List.of(), null, Map.of(), List.of(), null, null, null));
      }
    }
    server.execute(url.substring(url.lastIndexOf('/') + 1), "UPDATE patchbay_runs SET record = '{\"id\": '");

    CliRun show = CliRun.inHome(machineB, "runs", "show", runId);
    assertEquals(ExitCode.INVALID, show.exitCode(), show::toString);
    assertTrue(show.err().startsWith("error: the run record run " + runId + " in " + url + " is not a run record: "),
        show::toString);
    CliRun list = CliRun.inHome(machineB, "runs", "list");
    assertEquals(ExitCode.INVALID, list.exitCode(), list::toString);
    assertEquals("warning: run " + runId + " in " + url + " is not a readable run record (patchbay runs show "
        + runId + " says why)\n", list.err());
  }

  @Test
  void listingRunsOnAnUnreachableDatabaseIsExitCodeFourNamingWhatToFix() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String unreachable = "postgresql://patchbay@127.0.0.1:" + closed + "/patchbay";
    configure(machineA, unreachable, PostgresServer.PASSWORD);
    CliRun run = CliRun.inHome(machineA, "runs", "list");
    assertEquals(ExitCode.STORE, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: store: cannot reach PostgreSQL at " + unreachable + " ("), run.err());
    assertTrue(run.err().contains("are the host and port in PATCHBAY_STORE right?"), run.err());
    assertEquals("", run.out());
    assertFalse(Files.exists(machineA.resolve("runs")), "no fallback to the runs folder");
  }

  private static Path graceWorkflow(Path home) throws Exception {
    return Files.writeString(home.resolve("grace.yaml"), "name: grace\nconnections:\n  zoom: zoom\n"
        + "steps:\n  - id: grace\n    activity: zoom/users.get\n    input: {userId: " + E2e.GRACE_EMAIL + "}\n"
        + "outputs:\n  id: \"${steps.grace.output.id}\"\n");
  }

  /**
   * The home's store: the URL in store.properties (none: its files), the password in a file beside it, the shared
   * master key.
   */
  private void configure(Path home, String storeUrl, String password) throws Exception {
    E2e.home(home);
    Path config = Files.createDirectories(home.resolve("config"));
    Path passwordFile = home.resolve("store-password");
    Files.writeString(passwordFile, password + "\n");
    if (storeUrl != null) {
      Files.writeString(config.resolve("store.properties"), "store.url = " + storeUrl + "\nstore.passwordFile = "
          + passwordFile + "\n");
    }
    Path keys = Files.createDirectories(home.resolve("keys"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
    Path key = keys.resolve("master.key");
    Files.writeString(key, masterKey + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }
}
