package dev.patchbay.engine.workflows;

import static dev.patchbay.engine.workflows.WorkflowFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Resuming runs, after a failure and after a crash: completed side effects are never repeated. */
class ResumeTest {

  /** What a process killed mid-run looks like from inside: an error nothing catches. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("the process died");
    }
  }

  @TempDir Path folder;

  private WorkflowFixture fixture;
  private Path file;

  @BeforeEach
  void setUp() {
    fixture = new WorkflowFixture(folder);
    file = fixture.file("archive.yaml", """
        name: archive
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/recordings.list
          - id: download
            activity: zoom/recordings.download
            forEach: ${steps.list.output.files}
            input: {meetingId: "${item}", directory: /archive}
          - id: delete
            activity: zoom/recordings.delete
            forEach: ${steps.download.output}
            input: {meetingId: "${item.file}"}
        outputs:
          deleted: ${size(steps.delete.output)}
        """);
    fixture.invoker
        .on("list", "{\"files\": [\"a\", \"b\", \"c\", \"d\"]}")
        .on("download", invocation -> json("{\"file\": \"" + invocation.input().get("meetingId").asString() + "\"}"))
        .on("delete", "{}");
  }

  @Test
  void resumeAfterAFailureReusesOutputsAndDoesNotRepeatCompletedSideEffects() throws Exception {
    fixture.invoker.on("download", invocation -> {
      String file = invocation.input().get("meetingId").asString();
      if (file.equals("c")) {
        throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "disk full");
      }
      return json("{\"file\": \"" + file + "\"}");
    });
    WorkflowRun failed = fixture.run(file, Map.of());
    assertEquals(RunStatus.FAILED, failed.status());
    assertEquals(List.of("list", "download[0]", "download[1]", "download[2]"), fixture.invoker.log());
    Instant firstItemStarted = failed.record().step("download").orElseThrow().items().get(0).startedAt();

    fixture.invoker.clear();
    fixture.invoker.on("download", invocation -> json("{\"file\": \"" + invocation.input().get("meetingId").asString()
        + "\"}"));
    fixture.clock.advance(Duration.ofMinutes(5));
    WorkflowRun resumed = fixture.workflows.resume(failed.id(), RunListener.NONE);

    assertEquals(failed.id(), resumed.id());
    assertEquals(RunStatus.SUCCEEDED, resumed.status());
    assertEquals(List.of("download[2]", "download[3]", "delete[0]", "delete[1]", "delete[2]", "delete[3]"),
        fixture.invoker.log());
    RunRecord record = fixture.workflows.run(failed.id());
    assertEquals(List.of(fixture.clock.instant()), record.resumedAt());
    assertEquals(json("{\"deleted\": 4}"), record.outputs());
    StepRecord download = record.step("download").orElseThrow();
    assertEquals(json("[{\"file\":\"a\"},{\"file\":\"b\"},{\"file\":\"c\"},{\"file\":\"d\"}]"), download.output());
    assertEquals(firstItemStarted, download.items().get(0).startedAt());
    assertEquals(StepStatus.SUCCEEDED, record.step("list").orElseThrow().status());
    assertEquals(1, fixture.workflows.runs().size());
  }

  @Test
  void theRecordAfterACrashIsReadableAndSaysWhatWasRunning() throws Exception {
    fixture.invoker.on("download", invocation -> {
      if (invocation.itemIndex().getAsInt() == 2) {
        throw new SimulatedCrash();
      }
      return json("{\"file\": \"" + invocation.input().get("meetingId").asString() + "\"}");
    });

    assertThrows(SimulatedCrash.class, () -> fixture.run(file, Map.of()));

    RunRecord record = fixture.workflows.runs().get(0);
    assertEquals(RunStatus.INTERRUPTED, record.status());
    JsonNode onDisk = fixture.recordJson(record.id());
    assertEquals("RUNNING", onDisk.get("status").asString());
    assertEquals(StepStatus.SUCCEEDED, record.step("list").orElseThrow().status());
    StepRecord download = record.step("download").orElseThrow();
    assertEquals(StepStatus.RUNNING, download.status());
    assertEquals(List.of(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.RUNNING, StepStatus.PENDING),
        download.items().stream().map(ItemRecord::status).toList());
    assertEquals(1, download.items().get(2).attempts());
    assertEquals(json("{\"meetingId\": \"c\", \"directory\": \"/archive\"}"), download.items().get(2).input());
    assertEquals(StepStatus.PENDING, record.step("delete").orElseThrow().status());
    try (var leftovers = Files.list(fixture.runsFolder())) {
      assertEquals(Set.of(record.id() + ".json", ".locks"),
          Set.copyOf(leftovers.map(p -> p.getFileName().toString()).toList()));
    }

    fixture.invoker.clear();
    fixture.invoker.on("download", invocation -> json("{\"file\": \"" + invocation.input().get("meetingId").asString()
        + "\"}"));
    WorkflowRun resumed = fixture.workflows.resume(record.id(), RunListener.NONE);

    // The element that was running when the process died runs again: it may or may not have happened.
    assertEquals(List.of("download[2]", "download[3]", "delete[0]", "delete[1]", "delete[2]", "delete[3]"),
        fixture.invoker.log());
    assertEquals(RunStatus.SUCCEEDED, resumed.status());
  }

  @Test
  void aCrashDuringParallelElementsLetsTheRunningOnesFinishAndRecordsThem() throws Exception {
    Path parallel = fixture.file("parallel.yaml", """
        name: parallel
        connections: {zoom: work}
        steps:
          - id: download
            activity: zoom/recordings.download
            forEach: ${['a', 'b', 'c', 'd', 'e', 'f']}
            parallelism: 3
            input: {meetingId: "${item}", directory: /archive}
        """);
    Set<Integer> started = ConcurrentHashMap.newKeySet();
    fixture.invoker.on("download", invocation -> {
      int index = invocation.itemIndex().getAsInt();
      started.add(index);
      if (index == 1) {
        throw new SimulatedCrash();
      }
      return json("{}");
    });

    assertThrows(SimulatedCrash.class, () -> fixture.run(parallel, Map.of()));

    RunRecord record = fixture.workflows.runs().get(0);
    List<ItemRecord> items = record.step("download").orElseThrow().items();
    assertEquals(StepStatus.RUNNING, items.get(1).status());
    for (ItemRecord item : items) {
      if (item.index() != 1) {
        assertEquals(started.contains(item.index()) ? StepStatus.SUCCEEDED : StepStatus.PENDING, item.status(),
            "element " + item.index());
      }
    }

    fixture.invoker.clear();
    fixture.invoker.on("download", "{}");
    fixture.workflows.resume(record.id(), RunListener.NONE);
    Set<Integer> rerun = Set.copyOf(fixture.invoker.calls().stream().map(c -> c.itemIndex().getAsInt()).toList());
    for (int i = 0; i < 6; i++) {
      assertEquals(items.get(i).status() != StepStatus.SUCCEEDED, rerun.contains(i), "element " + i);
    }
  }

  @Test
  void aSucceededRunHasNothingToResume() throws Exception {
    WorkflowRun run = fixture.run(file, Map.of());
    WorkflowProblems refused = assertThrows(WorkflowProblems.class,
        () -> fixture.workflows.resume(run.id(), RunListener.NONE));
    assertEquals("run " + run.id() + " succeeded; there is nothing to resume", refused.problems().get(0).message());
    assertThrows(UnknownRunException.class, () -> fixture.workflows.resume("20260101-000000-abcd", RunListener.NONE));
    assertThrows(UnknownRunException.class, () -> fixture.workflows.run("../../etc/passwd"));
  }

  @Test
  void aRunningRunCannotBeResumedByAnotherCaller() throws Exception {
    AtomicBoolean refused = new AtomicBoolean();
    fixture.invoker.on("delete", invocation -> {
      WorkflowProblems problems = assertThrows(WorkflowProblems.class,
          () -> fixture.workflows.resume(invocation.runId(), RunListener.NONE));
      refused.set(problems.getMessage().contains("is running in another process"));
      assertEquals(RunStatus.RUNNING, assertDoesNotFail(() -> fixture.workflows.run(invocation.runId())).status());
      return json("{}");
    });
    fixture.run(file, Map.of());
    assertTrue(refused.get());
  }

  @Test
  void aStepWhoseActivityChangedInTheFileRunsAgainOnResume() throws Exception {
    fixture.invoker.on("delete", invocation -> {
      throw new ConnectorException(ErrorCode.PERMISSION_DENIED, "not allowed");
    });
    WorkflowRun failed = fixture.run(file, Map.of());
    Files.writeString(file, Files.readString(file).replace("activity: zoom/recordings.list",
        "activity: zoom/meetings.list"));
    fixture.invoker.clear();
    fixture.invoker.on("delete", "{}");

    WorkflowRun resumed = fixture.workflows.resume(failed.id(), RunListener.NONE);

    assertEquals(List.of("list", "delete[0]", "delete[1]", "delete[2]", "delete[3]"), fixture.invoker.log());
    assertEquals(RunStatus.SUCCEEDED, resumed.status());
  }

  private static <T> T assertDoesNotFail(ThrowingSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
