package dev.patchbay.temporal.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers writing one run's record, each with a store of its own on one runs folder, as two processes would:
 * the order of a run's changes holds across them, not only within one.
 */
class StoreRecordActivitiesTest {

  private static final String RUN = "20261201-100000-abcd";
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir
  Path runs;

  @Test
  void aLateChangeFromAWorkerThatLostTheRunRollsNoStepBackAndReopensNoEndedRun() {
    StoreRecordActivities lost = new StoreRecordActivities(new FileRunRecords(runs));
    StoreRecordActivities current = new StoreRecordActivities(new FileRunRecords(runs));
    FileRunRecords reader = new FileRunRecords(runs);

    lost.record(change(1, RunStatus.RUNNING, StepStatus.PENDING));
    current.record(change(3, RunStatus.RUNNING, StepStatus.SUCCEEDED));
    // Change 2, held up in the worker that lost the run, arrives after change 3 was written by another.
    lost.record(change(2, RunStatus.RUNNING, StepStatus.RUNNING));
    assertEquals(StepStatus.SUCCEEDED, reader.find(RUN).orElseThrow().step("me").orElseThrow().status());

    current.record(change(4, RunStatus.SUCCEEDED, StepStatus.SUCCEEDED));
    lost.record(change(2, RunStatus.RUNNING, StepStatus.RUNNING));
    lost.record(change(3, RunStatus.RUNNING, StepStatus.SUCCEEDED));
    RunRecord ended = reader.find(RUN).orElseThrow();
    assertEquals(RunStatus.SUCCEEDED, ended.status());
    assertEquals(StepStatus.SUCCEEDED, ended.step("me").orElseThrow().status());
  }

  private static String change(int sequence, RunStatus run, StepStatus step) {
    RunRecord fields = new RunRecord(RUN, "retried read", "/work/retried-read.yaml", "0".repeat(64), run, AT,
        run == RunStatus.RUNNING ? null : AT.plusSeconds(5), List.of(), null, Map.of(), List.of(), null, null, null);
    StepRecord me = new StepRecord("me", "zoom/users.getCurrent", "zoom", step, 1, AT, null, null, null, null, null,
        null);
    return Json.MAPPER.writeValueAsString(new RecordChange(fields, List.of(new RecordChange.StepChange(0, me, null,
        List.of())), sequence));
  }
}
