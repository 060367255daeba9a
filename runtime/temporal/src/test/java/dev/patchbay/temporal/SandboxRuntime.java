package dev.patchbay.temporal;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.Activities;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A runtime on a temporary {@code PATCHBAY_HOME} with the built Zoom plugin zip, connected to the Zoom sandbox. */
final class SandboxRuntime implements AutoCloseable {

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
    PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of(PatchbayHome.ENV, home.toString())).start();
    runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
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

  Activities activities() {
    try {
      return runtime.activities();
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
