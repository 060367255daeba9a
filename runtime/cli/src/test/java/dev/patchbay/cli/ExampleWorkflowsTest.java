package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every example workflow, as shipped, end to end on the Zoom sandbox through the built plugin zip. */
class ExampleWorkflowsTest {

  static final Path EXAMPLES = Path.of("..", "..", "examples", "workflows");

  @TempDir
  Path home;

  PatchbayRuntime runtime;
  SandboxSession sandbox;

  @BeforeEach
  void start() throws Exception {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=")).start();
    sandbox = runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  WorkflowRun run(String example, Map<String, String> inputs) throws Exception {
    WorkflowRun run = runtime.workflows().run(EXAMPLES.resolve(example), inputs,
        Map.of("zoom", sandbox.connection().name()), RunListener.NONE);
    assertTrue(run.succeeded(), () -> "run failed: " + Json.MAPPER.writeValueAsString(run.record()));
    return run;
  }

  @Test
  void scheduleAMeetingAndReadItBack() throws Exception {
    WorkflowRun run = run("schedule-meeting.yaml", Map.of("topic", "Quarterly review"));

    JsonNode outputs = run.record().outputs();
    assertEquals("Quarterly review", outputs.get("topic").asString());
    JsonNode created = run.record().step("create").orElseThrow().output();
    assertEquals(created.get("id").asLong(), outputs.get("meetingId").asLong());
    assertTrue(runtime.activities().run("zoom/meetings.get", sandbox.connection().name(),
        Json.MAPPER.readTree("{\"meetingId\":" + created.get("id").asLong() + "}")).output().get("topic").asString()
        .equals("Quarterly review"));
  }

  @Test
  void listNextWeeksMeetings() throws Exception {
    WorkflowRun run = run("next-week-meetings.yaml", Map.of());

    JsonNode outputs = run.record().outputs();
    assertEquals(outputs.get("count").asInt(), outputs.get("topics").size());
  }

  @Test
  void archiveLastMonthsRecordingsDeletesOnlyWhatArrivedWhole() throws Exception {
    Path folder = home.resolve("archive");

    WorkflowRun run = run("archive-recordings.yaml", Map.of("folder", folder.toString()));

    StepRecord download = run.record().step("download").orElseThrow();
    StepRecord delete = run.record().step("delete").orElseThrow();
    assertFalse(download.items().isEmpty(), "the sandbox seeds recordings in the previous month");
    assertEquals(download.items().size(), delete.items().size());
    for (int i = 0; i < download.items().size(); i++) {
      JsonNode file = download.items().get(i).item();
      JsonNode saved = download.items().get(i).output().get("files").get(0);
      Path path = Path.of(saved.get("path").asString());
      assertTrue(path.startsWith(folder), path.toString());
      assertEquals(file.get("file_size").asLong(), Files.size(path));
      assertEquals(StepStatus.SUCCEEDED, delete.items().get(i).status());
    }
    JsonNode trash = runtime.activities().run("zoom/recordings.list", sandbox.connection().name(),
        Json.MAPPER.readTree("{\"trash\":true,\"trash_type\":\"recording_file\"}")).output();
    assertTrue(trash.get("meetings").size() > 0, "deleted files went to the trash");
  }
}
