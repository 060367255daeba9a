package dev.patchbay.temporal;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.workflows.Workflows;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runtime on a temporary {@code PATCHBAY_HOME} with the built Zoom plugin zip and the GitHub and Slack definitions,
 * connected to the Zoom sandbox and to the GitHub and Slack mocks.
 */
final class SandboxRuntime implements AutoCloseable {

  /** The declarative connectors the examples use, with the auth type their mocks connect with. */
  private static final Map<String, String> DECLARATIVE = Map.of("github", "token", "slack", "bot-token");

  final Path home;
  final PatchbayRuntime runtime;

  private SandboxRuntime(Path home, PatchbayRuntime runtime) {
    this.home = home;
    this.runtime = runtime;
  }

  static SandboxRuntime start() throws Exception {
    Path home = Files.createTempDirectory("patchbay-temporal-test-");
    Files.createDirectories(home.resolve("plugins"));
    Path zip = zoomZip();
    Files.copy(zip, home.resolve("plugins").resolve(zip.getFileName()));
    Path definitions = Files.createDirectories(home.resolve("connectors"));
    for (String declarative : DECLARATIVE.keySet()) {
      Files.copy(example("").resolve("../../connector-defs/" + declarative + ".json").normalize(),
          definitions.resolve(declarative + ".json"));
    }
    PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of(PatchbayHome.ENV, home.toString())).start();
    runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
    for (Map.Entry<String, String> declarative : DECLARATIVE.entrySet()) {
      runtime.openSandbox(declarative.getKey(), declarative.getValue(), SandboxOptions.defaults());
    }
    return new SandboxRuntime(home, runtime);
  }

  static Path zoomZip() throws IOException {
    Path folder = Path.of(System.getProperty("patchbay.test.plugins", "target/test-plugins"));
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(folder, "zoom-*.zip")) {
      for (Path zip : zips) {
        return zip;
      }
    }
    throw new IllegalStateException("no zoom-*.zip in " + folder + "; run the build (mvn verify)");
  }

  /** The example workflows of the repository. */
  static Path example(String name) {
    return Path.of(System.getProperty("patchbay.examples", "../../examples/workflows")).resolve(name);
  }

  String connection() {
    return runtime.sandbox().connection().name();
  }

  /** The sandbox connection of every connector, by connector id. */
  Map<String, String> connections() {
    Map<String, String> names = new TreeMap<>(Map.of("zoom", connection()));
    for (String declarative : DECLARATIVE.keySet()) {
      names.put(declarative, runtime.sandbox(declarative).orElseThrow().connection().name());
    }
    return names;
  }

  Activities activities() {
    try {
      return runtime.activities();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime's workflows: its run records, where workers on it record Temporal runs. */
  Workflows workflows() {
    try {
      return runtime.workflows();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sandbox's own endpoints: settings, faults, request counts. */
  SandboxHttp http() {
    return new SandboxHttp(runtime.sandbox().running().baseUrl());
  }

  @Override
  public void close() {
    runtime.close();
  }
}
