package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginWatchSettings;
import dev.patchbay.server.access.ApiTokenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Over real HTTP: the built Zoom plugin zip dropped into the plugins folder of a running server appears in
 * {@code GET /api/plugins} and {@code GET /api/connectors}, a garbage zip next to it only adds its own error, and
 * removing the zip takes the connector away again, all without a restart.
 */
class HotPluginServerTest {

  private static final long WAIT_NANOS = 30_000_000_000L;

  @TempDir
  Path home;

  PatchbayRuntime runtime;
  PatchbayServer server;
  Api api;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(home.resolve("plugins"));
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start();
    String token = new ApiTokenFile(PatchbayServer.serverFolder(runtime)).loadOrCreate().token();
    server = PatchbayServer.start(runtime, token, ServerOptions.defaults().withPort(0)
        .withPluginWatch(new PluginWatchSettings(Duration.ofMillis(100), Duration.ofMillis(500))));
    api = new Api("http://127.0.0.1:" + server.port(), token);
  }

  @AfterEach
  void stop() {
    server.close();
    runtime.close();
  }

  @Test
  void droppedReplacedByGarbageAndRemovedZipsShowInTheApi() throws Exception {
    assertEquals(0, api.get("/api/connectors").json().size());
    Path zip = home.resolve("plugins").resolve("zoom.zip");

    Files.copy(SandboxServer.zoomZip(), zip);

    JsonNode zoom = awaitPlugin("zoom.zip", plugin -> plugin.path("state").asString().equals("ACTIVE"));
    assertEquals("zoom", zoom.path("id").asString());
    assertEquals(List.of("zoom"), ids(api.get("/api/connectors").json()));
    assertEquals(200, api.get("/api/connectors/zoom").status());

    Files.write(home.resolve("plugins").resolve("garbage.zip"), "not a zip".getBytes());

    JsonNode garbage = awaitPlugin("garbage.zip", plugin -> plugin.path("state").asString().equals("FAILED"));
    assertTrue(garbage.path("error").asString().startsWith("not a readable zip archive"), garbage.toString());
    assertEquals(List.of("zoom"), ids(api.get("/api/connectors").json()), "a bad zip changes nothing else");

    Files.delete(zip);

    await("zoom.zip gone from /api/plugins", () -> plugin("zoom.zip") == null);
    assertEquals(0, api.get("/api/connectors").json().size());
    assertEquals(404, api.get("/api/connectors/zoom").status());
  }

  @Test
  void aRunningSandboxKeepsItsPluginLoadedUntilItStops() throws Exception {
    Path zip = home.resolve("plugins").resolve("zoom.zip");
    Files.copy(SandboxServer.zoomZip(), zip);
    awaitPlugin("zoom.zip", plugin -> plugin.path("state").asString().equals("ACTIVE"));
    dev.patchbay.api.RunningSandbox sandbox = runtime.startSandbox("zoom", dev.patchbay.api.SandboxOptions.defaults());

    Files.delete(zip);

    awaitPlugin("zoom.zip", plugin -> plugin.path("state").asString().equals("DRAINING"));
    assertEquals(0, api.get("/api/connectors").json().size(), "gone from the catalog at once");
    java.net.http.HttpResponse<String> stillServing = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/users/me")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, stillServing.statusCode(), "the sandbox's plugin code still answers: " + stillServing.body());

    sandbox.close();

    await("zoom.zip unloaded after its sandbox stopped", () -> plugin("zoom.zip") == null);
  }

  @Test
  void theAdmissionPolicyIsShownAsItReadsNow() throws Exception {
    JsonNode none = api.get("/api/plugins/admission").json();
    assertEquals(false, none.path("present").asBoolean());
    assertTrue(none.path("summary").asString().startsWith("no admission policy"), none.toString());

    Path policy = home.resolve("config").resolve("plugins.properties");
    Files.createDirectories(policy.getParent());
    String digest = "ab".repeat(32);
    Files.writeString(policy, "allow = zoom\nsha256.zoom = " + digest + "\n");
    JsonNode pinned = api.get("/api/plugins/admission").json();
    assertEquals(true, pinned.path("present").asBoolean());
    assertEquals("[\"zoom\"]", pinned.path("allowed").toString());
    assertEquals(digest, pinned.path("pins").path("zoom").asString());
    assertEquals(0, pinned.path("problems").size());

    Files.writeString(policy, "allow = zoom\nsha265.zoom = " + digest + "\n");
    JsonNode malformed = api.get("/api/plugins/admission").json();
    assertEquals(1, malformed.path("problems").size(), malformed.toString());
    assertTrue(malformed.path("summary").asString().contains("is malformed, every plugin is refused"),
        malformed.toString());
  }

  private JsonNode awaitPlugin(String file, Predicate<JsonNode> condition) throws InterruptedException {
    await(file + " in /api/plugins", () -> {
      JsonNode plugin = plugin(file);
      return plugin != null && condition.test(plugin);
    });
    return plugin(file);
  }

  private JsonNode plugin(String file) {
    Api.Answer answer = api.get("/api/plugins");
    assertEquals(200, answer.status());
    for (JsonNode plugin : answer.json()) {
      if (plugin.path("file").asString().equals(file)) {
        return plugin;
      }
    }
    return null;
  }

  private static List<String> ids(JsonNode connectors) {
    return connectors.valueStream().map(connector -> connector.path("id").asString()).toList();
  }

  /** Polls a condition the server's watcher brings about; fails only after a generous bound. */
  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still waiting for: " + what);
      Thread.sleep(20);
    }
  }
}
