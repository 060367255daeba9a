package dev.patchbay.engine.workflows;

import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs a workflow in a process of its own, for {@link KilledProcessTest} to kill: the third element of the
 * {@code download} step touches a marker file and then hangs, the way a download in progress does.
 *
 * <p>Arguments: the runs folder (or the {@code postgresql://} URL of a shared store, whose password the environment
 * holds), the workflow file, the marker file.
 */
public final class KilledRunMain {

  private KilledRunMain() {}

  public static void main(String[] args) throws Exception {
    Path marker = Path.of(args[2]);
    Workflows workflows = Workflows.builder()
        .environment(new FakeEnvironment())
        .runs(args[0].startsWith("postgresql://")
            ? StoreSelection.open(StoreSelection.location(args[0], "test", System.getenv())).runRecords()
            : new FileRunRecords(Path.of(args[0])))
        .variables(Map.of())
        .invoker(invocation -> {
          JsonNode input = invocation.input();
          if (invocation.stepId().equals("list")) {
            return WorkflowFixture.json("{\"files\": [\"a\", \"b\", \"c\", \"d\"]}");
          }
          if (invocation.itemIndex().orElse(-1) == 2) {
            hang(marker, invocation.runId());
          }
          return JsonNodeFactory.instance.objectNode().put("file", input.path("meetingId").asString());
        })
        .build();
    workflows.run(Path.of(args[1]), Map.of(), Map.of(), RunListener.NONE);
  }

  private static void hang(Path marker, String runId) {
    try {
      // Written whole, then moved into place: the parent reads the run id as soon as the marker exists.
      Path partial = marker.resolveSibling(marker.getFileName() + ".partial");
      Files.writeString(partial, runId);
      Files.move(partial, marker, StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
