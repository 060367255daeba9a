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

  @TempDir Path home;

  @Test
  void aDroppedInPluginWithoutAPolicyIsWarnedAbout() throws Exception {
    Path zip = BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Path bundled = BuiltPlugins.DIST_PLUGINS.toAbsolutePath().normalize();
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(bundled)
        .start()) {

      String warning = ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(bundled)).orElseThrow();

      assertTrue(warning.startsWith("warning: no admission policy (" + home.resolve("config/plugins.properties")
          + " does not exist), and plugins that are not part of the distribution serve: zoom "), warning);
      assertTrue(warning.contains("(" + zip + ")"), warning);
      assertTrue(warning.endsWith("it can read the master key, every connection's tokens and the API token. Admit "
          + "only what you trust: patchbay plugins pin ZIP --write (README: Trust model)."), warning);
    }
  }

  @Test
  void theDistributionsOwnPluginsOrAPolicyAreNotWarnedAbout() throws Exception {
    Path bundled = BuiltPlugins.DIST_PLUGINS.toAbsolutePath().normalize();
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(bundled)
        .start()) {
      assertEquals(Optional.empty(), ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(bundled)));
    }
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/plugins.properties"), "allow = zoom\n");
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(bundled)
        .start()) {
      assertEquals(Optional.empty(), ServeCommand.unadmittedPluginsWarning(runtime, Optional.of(bundled)));
    }
  }
}
