package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.temporal.workflow.PatchbayWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The determinism guard: the recorded history of every example workflow replays on today's workflow code. A change
 * that would break runs in flight (another order of activities, a timer more or less) fails here. Histories are
 * written by {@link RecordHistories}.
 */
class ReplayTest {

  @Test
  void everyExampleHasARecordedHistory() throws Exception {
    Path examples = SandboxRuntime.example("");
    List<String> expected;
    try (Stream<Path> files = Files.walk(examples)) {
      expected = files.filter(file -> file.toString().endsWith(".yaml"))
          .map(file -> RecordHistories.name(examples.relativize(file).toString()) + ".json").sorted().toList();
    }
    List<String> recorded;
    try (Stream<Path> files = Files.list(RecordHistories.HISTORIES)) {
      recorded = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    assertEquals(expected, recorded, "record the histories again (see RecordHistories) after adding an example");
  }

  @Test
  void everyRecordedHistoryReplays() throws Exception {
    // As a worker does before it polls: the first workflow task must not spend Temporal's 1 s on class loading.
    PatchbayWorkflowImpl.warmUp();
    try (Stream<Path> files = Files.list(RecordHistories.HISTORIES)) {
      for (Path file : files.sorted().toList()) {
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(file)),
            PatchbayWorkflowImpl.class);
      }
    }
  }
}
