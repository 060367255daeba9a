package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the shared PostgreSQL store, across processes: a run started by a child JVM is seen RUNNING by this one,
 * which cannot resume it while that process lives, then INTERRUPTED once it is killed, and resumed here without
 * repeating what succeeded; sealed resume values cross processes sealed.
 */
class SharedRunRecordsTest {

  static final String CANARY = "Canary9RunToken";
  static final String KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";

  @TempDir Path folder;
  @TempDir Path otherMachine;

  final String url = PostgresServer.get().createDatabase();
  private SharedStore store;
  private SharedStore otherStore;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    if (otherStore != null) {
      otherStore.close();
    }
  }

  @Test
  void aRunOfAnotherProcessIsRunningUntilItsProcessDiesThenAnyProcessResumesIt() throws Exception {
    store = open();
    WorkflowFixture fixture = new WorkflowFixture(folder, Map.of(), null, store.runRecords());
    Path file = fixture.file("archive.yaml", """
        name: archive
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/recordings.list
          - id: download
            activity: zoom/recordings.download
            forEach: ${steps.list.output.files}
            input: {meetingId: "${item}", directory: /archive}
        """);
    Path marker = folder.resolve("downloading-c");
    Path log = folder.resolve("child.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KilledRunMain.class.getName(), url, file.toString(),
        marker.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(PostgresServer.environment(url));
    Process child = builder.start();
    String runId;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(marker)) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          fail("the child run never reached the third download:\n" + Files.readString(log));
        }
        Thread.sleep(20);
      }
      runId = Files.readString(marker);

      assertEquals(RunStatus.RUNNING, fixture.workflows.run(runId).status());
      assertEquals(List.of(runId), fixture.workflows.runs().stream().map(RunRecord::id).toList());
      String id = runId;
      WorkflowProblems refused = assertThrows(WorkflowProblems.class,
          () -> fixture.workflows.resume(id, RunListener.NONE));
      assertTrue(refused.getMessage().contains("run " + runId + " is running in another process"),
          refused.getMessage());
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    // The server ends the killed process's session as its connection closes, a moment after the kill.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fixture.workflows.run(runId).status() != RunStatus.INTERRUPTED) {
      if (System.nanoTime() > deadline) {
        fail("run " + runId + " still reads RUNNING after its process was killed");
      }
      Thread.sleep(20);
    }

    fixture.invoker.on("download", invocation -> WorkflowFixture.json("{\"file\": \""
        + invocation.input().get("meetingId").asString() + "\"}"));
    WorkflowRun resumed = fixture.workflows.resume(runId, RunListener.NONE);

    assertEquals(RunStatus.SUCCEEDED, resumed.status());
    assertEquals(List.of("download[2]", "download[3]"), fixture.invoker.log());
    assertEquals("run " + runId + " in " + url, resumed.recordLocation());
  }

  @Test
  void sealedResumeValuesStaySealedInTheDatabaseAndAnotherProcessResumesWithThem() throws Exception {
    SealedFiles sealing = new SealedFiles(MasterKey.fromBase64(KEY, "test"));
    store = open();
    WorkflowFixture first = new WorkflowFixture(folder, Map.of(), sealing, store.runRecords());
    Path file = first.file("secret.yaml", """
        name: secret
        inputs:
          token: {type: string, secret: true}
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
            input: {userId: "${inputs.token}"}
        """);
    first.invoker.on("list", invocation -> {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "down");
    });
    String id = first.run(file, Map.of("token", CANARY)).id();

    String dump = dump();
    assertTrue(dump.contains(id) && dump.contains(RunRecord.REDACTED), dump);
    assertFalse(dump.contains(CANARY), "a dump of the runs table holds no secret in clear");

    otherStore = open();
    WorkflowFixture second = new WorkflowFixture(otherMachine, Map.of(), sealing, otherStore.runRecords());
    second.invoker.on("list", invocation -> {
      assertEquals(CANARY, invocation.input().get("userId").asString());
      return WorkflowFixture.json("{}");
    });
    WorkflowRun resumed = second.workflows.resume(id, RunListener.NONE);

    assertEquals(RunStatus.SUCCEEDED, resumed.status(), () -> resumed.record().toString());
    assertEquals(List.of("list"), second.invoker.log());
  }

  private SharedStore open() throws Exception {
    return StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url)));
  }

  private String dump() throws Exception {
    try (Connection session = PostgresServer.get().connect(url.substring(url.lastIndexOf('/') + 1));
        Statement statement = session.createStatement();
        ResultSet rows = statement.executeQuery("SELECT string_agg(r::text || encode(coalesce(r.sealed, ''), "
            + "'escape'), '') FROM patchbay_runs r")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
