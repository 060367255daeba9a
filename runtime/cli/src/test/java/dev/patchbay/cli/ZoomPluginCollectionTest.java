package dev.patchbay.cli;

import static dev.patchbay.engine.testing.GarbageCollection.assertCollected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowRun;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built Zoom plugin, after it ran the example workflows on its sandbox (HTTP through the host, downloads,
 * pagination, schema checks, expressions), leaves nothing behind in the process once its runtime is closed: no
 * thread, static cache or library state of the host keeps its class loader. A server hosts runtimes one after the
 * other in one process.
 */
class ZoomPluginCollectionTest {

  @TempDir
  Path home;

  @Test
  void zoomPluginIsCollectedOnceTheRuntimeThatRanItsWorkflowsIsClosed() throws Exception {
    assertCollected(runExamplesOnTheSandbox(), "the class loader of the Zoom plugin after its runtime was closed");
  }

  /** Runs the examples and closes the runtime; the weak reference to the plugin's class loader is all that is left. */
  private WeakReference<ClassLoader> runExamplesOnTheSandbox() throws Exception {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=")).start()) {
      SandboxSession sandbox = runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
      Map<String, String> connection = Map.of("zoom", sandbox.connection().name());
      run(runtime, "schedule-meeting.yaml", Map.of("topic", "Quarterly review"), connection);
      run(runtime, "archive-recordings.yaml", Map.of("folder", home.resolve("archive").toString()), connection);
      return new WeakReference<>(runtime.catalog().connector("zoom").orElseThrow().implementation().getClass()
          .getClassLoader());
    }
  }

  private static void run(PatchbayRuntime runtime, String example, Map<String, String> inputs,
      Map<String, String> connection) throws Exception {
    WorkflowRun run = runtime.workflows().run(ExampleWorkflowsTest.EXAMPLES.resolve(example), inputs, connection,
        RunListener.NONE);
    assertTrue(run.succeeded(), () -> "run failed: " + Json.MAPPER.writeValueAsString(run.record()));
  }
}
