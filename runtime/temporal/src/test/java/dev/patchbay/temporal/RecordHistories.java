package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.temporal.workflow.RunRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the histories {@link ReplayTest} replays: every example workflow run on Temporal's test environment against
 * the Zoom sandbox, its history saved to {@code src/test/resources/histories/NAME.json}. Runs only when asked:
 *
 * <pre>
 * mvn -B verify -pl runtime/temporal -am -Dtest=RecordHistories -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpatchbay.record.histories=true
 * </pre>
 *
 * Record them again only on purpose: a history recorded before a change is what proves the change replays.
 */
@EnabledIfSystemProperty(named = "patchbay.record.histories", matches = "true",
    disabledReason = "it records the Temporal histories again, only when asked with -Dpatchbay.record.histories=true")
class RecordHistories {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  @TempDir
  Path folder;

  @Test
  void recordEveryExample() throws Exception {
    try (SandboxRuntime sandbox = SandboxRuntime.start()) {
      TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
      try {
        TemporalWorker.register(temporal.newWorker("record"), sandbox.activities(),
            sandbox.workflows().records());
        temporal.start();
        TemporalRuns runs = new TemporalRuns(temporal.getWorkflowClient(),
            TemporalSettings.of("in-process").withTaskQueue("record"));
        Files.createDirectories(HISTORIES);
        for (Map.Entry<String, Map<String, String>> example : examples(sandbox).entrySet()) {
          RunRequest request = runs.prepare(sandbox.runtime, SandboxRuntime.example(example.getKey()),
              example.getValue(), connections(sandbox, example.getKey()), TemporalRuns.newRunId());
          String workflowId = "history-" + name(example.getKey());
          runs.start(request, workflowId);
          assertEquals(RunStatus.SUCCEEDED, runs.result(workflowId).status(), example.getKey());
          Files.writeString(HISTORIES.resolve(name(example.getKey()) + ".json"),
              temporal.getWorkflowClient().fetchHistory(workflowId).toJson(true));
        }
      } finally {
        temporal.close();
      }
    }
  }

  /** The sandbox connections of the connectors an example uses: those announcing a recording use all three. */
  private static Map<String, String> connections(SandboxRuntime sandbox, String example) {
    return example.contains("announce") ? sandbox.connections() : Map.of("zoom", sandbox.connection());
  }

  /** Every example, with the inputs it needs to run on the sandbox. */
  private Map<String, Map<String, String>> examples(SandboxRuntime sandbox) throws Exception {
    Map<String, Map<String, String>> examples = new LinkedHashMap<>();
    JsonNode recording = sandbox.activities().run("zoom/recordings.list", sandbox.connection(),
        Json.MAPPER.createObjectNode()).output().path("meetings").get(0);
    ObjectNode event = Json.MAPPER.createObjectNode().put("event", "recording.completed");
    event.putObject("payload").put("account_id", "pbxSandboxAccount00001").set("object", recording);
    // Before the archive example, which moves the recordings to the trash.
    examples.put("triggers/save-finished-recording.yaml", Map.of("event", Json.MAPPER.writeValueAsString(event),
        "folder", folder.resolve("saved").toString()));
    examples.put("triggers/announce-finished-recording.yaml", Map.of("event",
        Json.MAPPER.writeValueAsString(event), "folder", folder.resolve("announced-event").toString()));
    examples.put("announce-recording.yaml", Map.of("folder", folder.resolve("announced").toString()));
    examples.put("archive-recordings.yaml", Map.of("folder", folder.resolve("archive").toString()));
    examples.put("next-week-meetings.yaml", Map.of());
    examples.put("schedule-meeting.yaml", Map.of());
    return examples;
  }

  /** {@code triggers/save-finished-recording.yaml} is {@code triggers-save-finished-recording}. */
  static String name(String example) {
    return example.replace(".yaml", "").replace('/', '-');
  }
}
