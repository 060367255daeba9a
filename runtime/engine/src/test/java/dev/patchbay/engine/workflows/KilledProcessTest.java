package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose process is killed (SIGKILL) in the middle of a forEach element. */
class KilledProcessTest {

  @TempDir Path folder;

  @Test
  void theRecordOfAKilledProcessIsAccurateAndTheRunResumesWithoutRepeatingWhatSucceeded() throws Exception {
    WorkflowFixture fixture = new WorkflowFixture(folder, Map.of());
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
          - id: delete
            activity: zoom/recordings.delete
            forEach: ${steps.download.output}
            input: {meetingId: "${item.file}"}
        """);
    Path marker = folder.resolve("downloading-c");
    Path log = folder.resolve("child.log");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KilledRunMain.class.getName(),
        fixture.runsFolder().toString(), file.toString(), marker.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(marker)) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          fail("the child run never reached the third download:\n" + Files.readString(log));
        }
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    String runId = Files.readString(marker);

    RunRecord record = fixture.workflows.run(runId);

    assertEquals(RunStatus.INTERRUPTED, record.status());
    assertEquals("RUNNING", fixture.recordJson(runId).get("status").asString());
    assertEquals(StepStatus.SUCCEEDED, record.step("list").orElseThrow().status());
    List<ItemRecord> items = record.step("download").orElseThrow().items();
    assertEquals(StepStatus.RUNNING, record.step("download").orElseThrow().status());
    assertEquals(List.of(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.RUNNING, StepStatus.PENDING),
        items.stream().map(ItemRecord::status).toList());
    assertEquals(WorkflowFixture.json("{\"file\": \"b\"}"), items.get(1).output());
    assertEquals(StepStatus.PENDING, record.step("delete").orElseThrow().status());

    fixture.invoker
        .on("download", invocation -> WorkflowFixture.json("{\"file\": \""
            + invocation.input().get("meetingId").asString() + "\"}"))
        .on("delete", "{}");
    WorkflowRun resumed = fixture.workflows.resume(runId, RunListener.NONE);

    assertEquals(RunStatus.SUCCEEDED, resumed.status());
    assertEquals(List.of("download[2]", "download[3]", "delete[0]", "delete[1]", "delete[2]", "delete[3]"),
        fixture.invoker.log());
  }
}
