package dev.patchbay.engine.workflows;

import static dev.patchbay.engine.workflows.WorkflowFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Running workflows: order, bindings, conditions, forEach, onError, retries, outputs, and the record. */
class WorkflowRunTest {

  @TempDir Path folder;

  private WorkflowFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new WorkflowFixture(folder);
  }

  @Test
  void runRecordsTheirLocksAndTheirFoldersAreOwnerOnly() throws Exception {
    fixture.invoker
        .on("create", "{\"id\": 8123, \"join_url\": \"https://zoom.us/j/8123\"}")
        .on("list", "{\"meetings\": []}");

    fixture.run(fixture.resource("meetings.yaml"), Map.of("topic", "Plan"));

    Path runs = fixture.runsFolder();
    try (Stream<Path> paths = Files.walk(runs)) {
      assertEquals(List.of(), paths.filter(path -> {
        try {
          return !PosixFilePermissions.toString(Files.getPosixFilePermissions(
              path)).equals(Files.isDirectory(path) ? "rwx------" : "rw-------");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).map(runs::relativize).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"meetings.yaml", "meetings.json"})
  void stepsRunInOrderWithOutputsBoundToLaterInputs(String file) throws Exception {
    fixture.invoker
        .on("create", "{\"id\": 8123, \"join_url\": \"https://zoom.us/j/8123\"}")
        .on("list", "{\"meetings\": [{\"id\": 8123}, {\"id\": 77}]}");

    WorkflowRun run = fixture.run(fixture.resource(file), Map.of("topic", "Plan"));

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(List.of("create", "list"), fixture.invoker.log());
    StepInvocation create = fixture.invoker.calls("create").get(0);
    assertEquals(json("""
        {"userId": "me", "topic": "Plan (eu)", "duration": 30, "start_time": "2026-11-30T09:00:00Z",
         "settings": {"audio": "voip"}}"""), create.input());
    assertTrue(create.input().get("duration").isIntegralNumber());
    assertEquals("work", create.connectionName());
    assertEquals("zoom", create.connectorId());
    assertEquals("meetings.create", create.operationId());
    assertEquals(1, create.attempt());
    assertEquals(json("{\"userId\": \"me\", \"from\": \"2026-11-30\", \"to\": \"2026-11-30\"}"),
        fixture.invoker.calls("list").get(0).input());
    assertEquals(json("""
        {"meetingId": 8123, "joinUrl": "https://zoom.us/j/8123", "sameDay": 2,
         "summary": "Plan on 2026-11-30 for 30 minutes"}"""), run.record().outputs());

    RunRecord record = fixture.workflows.run(run.id());
    assertEquals("schedule a meeting", record.workflowName());
    assertEquals(fixture.folder.resolve(file).toAbsolutePath().toString(), record.workflowFile());
    assertEquals(json("{\"topic\": \"Plan\", \"duration\": 30, \"day\": \"2026-11-30\"}"), record.inputs());
    StepRecord created = record.step("create").orElseThrow();
    assertEquals(StepStatus.SUCCEEDED, created.status());
    assertEquals(1, created.attempts());
    assertEquals("work", created.connection());
    assertEquals(create.input(), created.input());
    assertEquals(json("{\"id\": 8123, \"join_url\": \"https://zoom.us/j/8123\"}"), created.output());
    assertEquals(fixture.clock.instant(), created.startedAt());
    assertEquals(run.record().outputs(), record.outputs());
  }

  @Test
  void aFalseWhenSkipsTheStepAndLaterStepsSeeItsStatus() throws Exception {
    Path file = fixture.file("when.yaml", """
        name: when
        inputs:
          notify: {type: boolean, default: false}
        connections: {zoom: work}
        steps:
          - id: create
            activity: zoom/meetings.create
            when: ${inputs.notify}
            input: {topic: x}
          - id: list
            activity: zoom/meetings.list
            when: ${steps.create.status == 'SKIPPED'}
        outputs:
          created: ${steps.create.output}
        """);
    fixture.invoker.on("list", "{}");

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(List.of("list"), fixture.invoker.log());
    assertEquals(StepStatus.SKIPPED, run.record().step("create").orElseThrow().status());
    assertEquals("when was false", run.record().step("create").orElseThrow().note());
    assertEquals(json("{\"created\": null}"), run.record().outputs());
  }

  @Test
  void parallelElementsRunAtOnceAndKeepElementOrderInTheOutput() throws Exception {
    Path file = fixture.file("parallel.yaml", """
        name: parallel
        connections: {zoom: work}
        steps:
          - id: each
            activity: zoom/meetings.list
            forEach: ${[40, 30, 20, 10]}
            parallelism: 4
            input: {userId: "u${item}"}
        outputs:
          all: ${steps.each.output}
        """);
    CyclicBarrier allStarted = new CyclicBarrier(4);
    fixture.invoker.on("each", invocation -> {
      try {
        // Every element waits for the others: the run only gets past this if all four run at once.
        allStarted.await(10, TimeUnit.SECONDS);
        // The first element finishes last, so finishing order and element order differ.
        Thread.sleep(10L * (4 - invocation.itemIndex().getAsInt()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return json("{\"user\": \"" + invocation.input().get("userId").asString() + "\"}");
    });

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(json("{\"all\": [{\"user\": \"u40\"}, {\"user\": \"u30\"}, {\"user\": \"u20\"}, "
        + "{\"user\": \"u10\"}]}"), run.record().outputs());
    List<ItemRecord> items = run.record().step("each").orElseThrow().items();
    assertEquals(List.of(0, 1, 2, 3), items.stream().map(ItemRecord::index).toList());
    assertEquals(json("40"), items.get(0).item());
    assertEquals(json("{\"userId\": \"u40\"}"), items.get(0).input());
  }

  @Test
  void parallelismBoundsHowManyElementsRunAtOnce() throws Exception {
    Path file = fixture.file("bounded.yaml", """
        name: bounded
        connections: {zoom: work}
        steps:
          - id: each
            activity: zoom/meetings.list
            forEach: ${[1, 2, 3, 4, 5, 6, 7, 8, 9]}
            parallelism: 3
        """);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    fixture.invoker.on("each", invocation -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      running.decrementAndGet();
      return json("{}");
    });

    fixture.run(file, Map.of());

    assertEquals(9, fixture.invoker.calls().size());
    assertTrue(most.get() <= 3 && most.get() >= 2, "at most 3 at once, saw " + most.get());
  }

  private Path fourElementWorkflow(String onError) {
    return fixture.file("elements.yaml", """
        name: elements
        connections: {zoom: work}
        steps:
          - id: each
            activity: zoom/meetings.list
            forEach: ${['a', 'b', 'c', 'd']}
            onError: %s
            input: {userId: "${item}"}
          - id: between
            activity: zoom/meetings.list
          - id: after
            activity: zoom/meetings.create
            input:
              topic: "${steps.each.status}: ${size(steps.each.output)} outputs"
          - id: handler
            activity: zoom/meetings.create
            input:
              topic: "${steps.each.error.code} ${steps.each.items[1].status} ${steps.each.items[1].error.message}"
          - id: last
            activity: zoom/meetings.list
        """.formatted(onError));
  }

  private void elementBFails() {
    fixture.invoker
        .on("each", invocation -> {
          if (invocation.input().get("userId").asString().equals("b")) {
            throw new ConnectorException(ErrorCode.NOT_FOUND, "no user b");
          }
          return json("{\"user\": \"" + invocation.input().get("userId").asString() + "\"}");
        })
        .on("between", "{}").on("after", "{}").on("handler", "{}").on("last", "{}");
  }

  @Test
  void aLaterStepReadsTheFailedStepsFamilyAndTheProvidersDetails() throws Exception {
    Path file = fixture.file("details.yaml", """
        name: details
        connections: {zoom: work}
        steps:
          - id: read
            activity: zoom/meetings.list
            onError: continue
            input: {userId: ghost}
          - id: report
            activity: zoom/meetings.create
            input:
              topic: "${steps.read.error.family} ${steps.read.error.details.providerCode}: ${steps.read.error.message}"
        """);
    fixture.invoker
        .on("read", invocation -> {
          throw new ConnectorException(ErrorCode.NOT_FOUND, "no user ghost", "1001", "User does not exist.", null);
        })
        .on("report", "{}");

    fixture.run(file, Map.of());

    assertEquals("NOT_FOUND 1001: no user ghost",
        fixture.invoker.calls("report").get(0).input().path("topic").asString());
  }

  @Test
  void aFailingElementWithOnErrorFailStopsNewElementsAndTheRun() throws Exception {
    Path file = fourElementWorkflow("fail");
    elementBFails();

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(List.of("each[0]", "each[1]"), fixture.invoker.log());
    StepRecord each = run.record().step("each").orElseThrow();
    assertEquals(StepStatus.FAILED, each.status());
    assertEquals(new ErrorRecord(ErrorCode.NOT_FOUND, "element 1: no user b"), each.error());
    assertEquals(List.of(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.PENDING, StepStatus.PENDING),
        each.items().stream().map(ItemRecord::status).toList());
    assertEquals(json("[{\"user\": \"a\"}, null, null, null]"), each.output());
    assertEquals("each", run.record().failedStep());
    assertEquals(each.error(), run.record().error());
    assertEquals(StepStatus.PENDING, run.record().step("between").orElseThrow().status());
    assertEquals("each", run.failedStep().orElseThrow().id());
  }

  @Test
  void aFailingElementWithOnErrorContinueLetsTheOtherElementsAndStepsRun() throws Exception {
    Path file = fourElementWorkflow("continue");
    elementBFails();

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(List.of("each[0]", "each[1]", "each[2]", "each[3]", "between", "after", "handler", "last"),
        fixture.invoker.log());
    StepRecord each = run.record().step("each").orElseThrow();
    assertEquals(StepStatus.CONTINUED, each.status());
    assertEquals(json("[{\"user\": \"a\"}, null, {\"user\": \"c\"}, {\"user\": \"d\"}]"), each.output());
    assertEquals("CONTINUED: 4 outputs", fixture.invoker.calls("after").get(0).input().get("topic").asString());
    assertEquals("NOT_FOUND FAILED no user b",
        fixture.invoker.calls("handler").get(0).input().get("topic").asString());
  }

  @Test
  void aFailingElementWithAHandlerJumpsToTheHandlerAndGoesOnAfterIt() throws Exception {
    Path file = fourElementWorkflow("handler");
    elementBFails();

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(List.of("each[0]", "each[1]", "handler", "last"), fixture.invoker.log());
    RunRecord record = run.record();
    assertEquals(StepStatus.HANDLED, record.step("each").orElseThrow().status());
    assertEquals("onError: the run went on with handler", record.step("each").orElseThrow().note());
    assertEquals(StepStatus.SKIPPED, record.step("between").orElseThrow().status());
    assertEquals("step each failed and the run went on with handler", record.step("between").orElseThrow().note());
    assertEquals(StepStatus.SKIPPED, record.step("after").orElseThrow().status());
    assertEquals(StepStatus.SUCCEEDED, record.step("handler").orElseThrow().status());
    assertEquals("NOT_FOUND FAILED no user b",
        fixture.invoker.calls("handler").get(0).input().get("topic").asString());
    assertEquals(StepStatus.SUCCEEDED, record.step("last").orElseThrow().status());
  }

  @Test
  void aHandlerStepDoesNotRunWhenNoFailureSendsTheRunToIt() throws Exception {
    Path file = fourElementWorkflow("handler");
    fixture.invoker.on("each", "{}").on("between", "{}").on("after", "{}").on("last", "{}");

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(List.of("each[0]", "each[1]", "each[2]", "each[3]", "between", "after", "last"),
        fixture.invoker.log());
    assertEquals(StepStatus.SKIPPED, run.record().step("handler").orElseThrow().status());
  }

  @Test
  void aStepsRetryPolicyRetriesOnlyRetryableErrorsWithGrowingWaits() throws Exception {
    Path file = fixture.file("retry.yaml", """
        name: retry
        connections: {zoom: work}
        steps:
          - id: flaky
            activity: zoom/meetings.list
            retry: {maxAttempts: 4, backoffSeconds: 2}
          - id: missing
            activity: zoom/meetings.list
            retry: {maxAttempts: 4}
            onError: continue
          - id: once
            activity: zoom/meetings.list
            onError: continue
        """);
    AtomicInteger flaky = new AtomicInteger();
    fixture.invoker
        .on("flaky", invocation -> {
          if (flaky.incrementAndGet() < 3) {
            throw new ConnectorException(flaky.get() == 1 ? ErrorCode.RATE_LIMITED : ErrorCode.UPSTREAM_ERROR, "busy");
          }
          return json("{\"ok\": true}");
        })
        .on("missing", invocation -> {
          throw new ConnectorException(ErrorCode.NOT_FOUND, "gone");
        })
        .on("once", invocation -> {
          throw new ConnectorException(ErrorCode.TIMEOUT, "slow");
        });

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(List.of(1, 2, 3), fixture.invoker.calls("flaky").stream().map(StepInvocation::attempt).toList());
    assertEquals(new RetryPolicy(4, Duration.ofSeconds(2)),
        fixture.invoker.calls("flaky").get(0).retry().orElseThrow());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), fixture.pauses);
    assertEquals(3, run.record().step("flaky").orElseThrow().attempts());
    assertEquals(1, run.record().step("missing").orElseThrow().attempts());
    assertEquals(1, run.record().step("once").orElseThrow().attempts());
    assertTrue(fixture.invoker.calls("once").get(0).retry().isEmpty());
    assertEquals(new ErrorRecord(ErrorCode.TIMEOUT, "slow"), run.record().step("once").orElseThrow().error());
  }

  @Test
  void aMissingFieldInAnOutputFailsTheStepNamingTheStepAndThePath() throws Exception {
    Path file = fixture.file("missing.yaml", """
        name: missing
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
          - id: create
            activity: zoom/meetings.create
            input:
              topic: ${steps.list.output.meetngs[0].topic}
        """);
    fixture.invoker.on("list", "{\"meetings\": [{\"topic\": \"a\"}]}");

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(List.of("list"), fixture.invoker.log());
    assertEquals(new ErrorRecord(ErrorCode.INVALID_INPUT, "input/topic: steps.list.output.meetngs: no such field"),
        run.record().step("create").orElseThrow().error());
  }

  @Test
  void forEachMustGiveAnArrayAndWhenABoolean() throws Exception {
    Path file = fixture.file("types.yaml", """
        name: types
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
          - id: each
            activity: zoom/meetings.list
            forEach: ${steps.list.output}
            onError: continue
          - id: maybe
            activity: zoom/meetings.list
            when: ${steps.list.output.count}
        """);
    fixture.invoker.on("list", "{\"count\": 2}");

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals("forEach: must give an array, got an object",
        run.record().step("each").orElseThrow().error().message());
    assertEquals("when: must be true or false, got 2", run.record().step("maybe").orElseThrow().error().message());
  }

  @Test
  void outputsThatCannotBeResolvedFailTheRun() throws Exception {
    Path file = fixture.file("outputs.yaml", """
        name: outputs
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
        outputs:
          first: ${steps.list.output.meetings[0]}
        """);
    fixture.invoker.on("list", "{\"meetings\": []}");

    WorkflowRun run = fixture.run(file, Map.of());

    assertEquals(RunStatus.FAILED, run.status());
    assertNull(run.record().failedStep());
    assertEquals("outputs.first: steps.list.output.meetings[0]: no such element (the array has 0)",
        run.record().error().message());
  }

  @Test
  void theArchiveWorkflowDeletesOnlyWhatWasDownloadedWhole() throws Exception {
    fixture.invoker
        .on("list", """
            {"meetings": [
              {"uuid": "m1", "recording_files": [{"id": "r1", "meeting_id": "m1", "file_size": 100},
                                                 {"id": "r2", "meeting_id": "m1", "file_size": 200}]},
              {"uuid": "m2", "recording_files": [{"id": "r3", "meeting_id": "m2", "file_size": 300}]}]}""")
        .on("download", invocation -> {
          String id = invocation.input().get("recordingId").asString();
          if (id.equals("r2")) {
            throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "connection reset");
          }
          // r3 arrives short: its size does not match the listing.
          return json("{\"path\": \"/tmp/" + id + "\", \"size\": " + (id.equals("r1") ? 100 : 250) + "}");
        })
        .on("delete", "{\"deleted\": true}");

    WorkflowRun run = fixture.run(fixture.resource("archive.yaml"), Map.of("folder", "/tmp"));

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(json("{\"userId\": \"me\", \"from\": \"2026-10-01\", \"to\": \"2026-10-31\"}"),
        fixture.invoker.calls("list").get(0).input());
    assertEquals(List.of("delete[0]"), fixture.invoker.log().stream().filter(s -> s.startsWith("delete")).toList());
    assertEquals(json("{\"meetingId\": \"m1\", \"recordingId\": \"r1\"}"),
        fixture.invoker.calls("delete").get(0).input());
    StepRecord delete = run.record().step("delete").orElseThrow();
    assertEquals(List.of(StepStatus.SUCCEEDED, StepStatus.SKIPPED, StepStatus.SKIPPED),
        delete.items().stream().map(ItemRecord::status).toList());
    assertEquals(StepStatus.CONTINUED, run.record().step("download").orElseThrow().status());
    assertEquals(json("{\"downloaded\": 3, \"deleted\": [{\"deleted\": true}, null, null]}"), run.record().outputs());
  }

  @Test
  void theListenerFollowsTheRun() throws Exception {
    Path file = fixture.file("listened.yaml", """
        name: listened
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
          - id: each
            activity: zoom/meetings.list
            forEach: ${[1, 2]}
        """);
    fixture.invoker.on("list", invocation -> {
      invocation.progress().report(1, 2, "page 1");
      return json("{}");
    }).on("each", "{}");
    List<String> events = Collections.synchronizedList(new ArrayList<>());

    fixture.workflows.run(file, Map.of(), Map.of(), new RunListener() {
      @Override
      public void runStarted(String runId, int stepCount, boolean resumed) {
        events.add("run " + stepCount + " " + resumed);
      }

      @Override
      public void stepStarted(int number, String stepId, int itemCount) {
        events.add("start " + number + " " + stepId + " " + itemCount);
      }

      @Override
      public void progress(String stepId, int itemIndex, long done, long total, String what) {
        events.add("progress " + stepId + " " + itemIndex + " " + done + "/" + total + " " + what);
      }

      @Override
      public void itemFinished(String stepId, ItemRecord item, int finished, int itemCount) {
        events.add("item " + stepId + " " + item.index() + " " + item.status() + " " + finished + "/" + itemCount);
      }

      @Override
      public void stepFinished(StepRecord step, boolean reused) {
        events.add("finish " + step.id() + " " + step.status() + " " + reused);
      }

      @Override
      public void runFinished(RunRecord run) {
        events.add("done " + run.status());
      }
    });

    assertEquals(List.of("run 2 false", "start 1 list -1", "progress list -1 1/2 page 1", "finish list SUCCEEDED false",
        "start 2 each 2", "item each 0 SUCCEEDED 1/2", "item each 1 SUCCEEDED 2/2", "finish each SUCCEEDED false",
        "done SUCCEEDED"), events);
  }

  @Test
  void aRuntimeExceptionFromTheRunnerIsAPluginError() throws Exception {
    Path file = fixture.file("bug.yaml", """
        name: bug
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
        """);
    fixture.invoker.on("list", invocation -> {
      throw new IllegalStateException("oops");
    });

    JsonNode error = fixture.recordJson(fixture.run(file, Map.of()).id()).get("steps").get(0).get("error");

    assertEquals(json("{\"code\": \"PLUGIN_ERROR\", \"message\": \"the activity failed unexpectedly: "
        + "IllegalStateException: oops\"}"), error);
  }
}
