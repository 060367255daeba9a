package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} warns at start when a plugin that is not part of the distribution serves without an admission
 * policy (issue 17, the trust boundary).
 */
class UnadmittedPluginsWarningTest {

  /** The distribution the build made, as the launcher names it. */
  private static final Path DISTRIBUTION = Path.of("target", "patchbay").toAbsolutePath().normalize();

  @TempDir Path home;

  /** A runtime as the launcher starts it: the distribution's plugins and definitions bundled. */
  private PatchbayRuntime distributionRuntime() {
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(DISTRIBUTION.resolve("plugins"))
        .bundledConnectors(DISTRIBUTION.resolve("connectors")).start();
  }

  @Test
  void aDroppedInPluginWithoutAPolicyIsWarnedAbout() throws Exception {
    Path zip = BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    try (PatchbayRuntime runtime = distributionRuntime()) {

      String warning = ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(DISTRIBUTION)).orElseThrow();

      assertTrue(warning.startsWith("warning: no admission policy (" + home.resolve("config/plugins.properties")
          + " does not exist), and plugins that are not part of the distribution serve: zoom "), warning);
      assertTrue(warning.contains("(" + zip + ")"), warning);
      assertTrue(!warning.contains("github") && !warning.contains("slack"), "bundled definitions are the "
          + "distribution's own: " + warning);
      assertTrue(warning.endsWith("it can read the master key, every connection's tokens and the API token. Admit "
          + "only what you trust: patchbay plugins pin ZIP --write (README: Trust model)."), warning);
    }
  }

  /** Issue 16, item 8: the bundled plugin and the bundled definitions (github.json, slack.json) warn of nothing. */
  @Test
  void theDistributionsOwnPluginsAndDefinitionsOrAPolicyAreNotWarnedAbout() throws Exception {
    try (PatchbayRuntime runtime = distributionRuntime()) {
      assertTrue(runtime.catalog().connector("github").isPresent(), "the bundled definitions are loaded");
      assertEquals(Optional.empty(), ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(DISTRIBUTION)));
    }
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/plugins.properties"), "allow = zoom\n");
    try (PatchbayRuntime runtime = distributionRuntime()) {
      assertEquals(Optional.empty(), ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(DISTRIBUTION)));
    }
  }
}
