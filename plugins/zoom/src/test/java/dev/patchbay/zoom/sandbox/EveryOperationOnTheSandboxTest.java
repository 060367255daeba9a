package dev.patchbay.zoom.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.testkit.PatchbayExtension;
import dev.patchbay.testkit.SandboxHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every Zoom operation once through the runtime against the plugin's own sandbox, signed in with OAuth. */
class EveryOperationOnTheSandboxTest {

  /** The default seed's meeting in progress. */
  private static final long LIVE_MEETING = 81000000003L;

  @RegisterExtension
  final PatchbayExtension patchbay = PatchbayExtension.forBuild();

  @TempDir
  Path downloads;

  @Test
  void everyOperationSucceeds() throws Exception {
    Map<String, JsonNode> outputs = SandboxHarness.of(patchbay, "oauth")
        .step("users.getCurrent", "{}")
        .step("users.get", out -> "{\"userId\":\"" + out.get("users.getCurrent").path("email").asString() + "\"}")
        .step("meetings.create", "{\"topic\":\"Harness\",\"type\":2,\"start_time\":\"2030-01-02T09:00:00Z\","
            + "\"duration\":30}")
        .step("meetings.get", out -> meeting(out))
        .step("meetings.update", out -> "{\"meetingId\":" + id(out) + ",\"topic\":\"Harness, renamed\"}")
        .step("meetings.list", "{}")
        .step("meetings.end", "{\"meetingId\":" + LIVE_MEETING + "}")
        .step("meetings.delete", out -> meeting(out))
        .step("recordings.list", "{\"from\":\"2000-01-01\"}")
        .step("recordings.get", out -> recording(out))
        .step("recordings.download", out -> recording(out).replace("}", ",\"directory\":\""
            + downloads.toString().replace("\\", "\\\\") + "\"}"))
        .step("recordings.delete", out -> recording(out))
        .run();

    assertEquals("Harness", outputs.get("meetings.get").path("topic").asString());
    assertEquals(outputs.get("meetings.create").path("id"), outputs.get("meetings.get").path("id"));
  }

  private static String id(Map<String, JsonNode> outputs) {
    return outputs.get("meetings.create").path("id").toString();
  }

  private static String meeting(Map<String, JsonNode> outputs) {
    return "{\"meetingId\":" + id(outputs) + "}";
  }

  private static String recording(Map<String, JsonNode> outputs) {
    return "{\"meetingId\":\"" + outputs.get("recordings.list").path("meetings").get(0).path("uuid").asString() + "\"}";
  }
}
