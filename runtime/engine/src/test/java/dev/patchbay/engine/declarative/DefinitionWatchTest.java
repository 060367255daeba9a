package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginWatchSettings;
import dev.patchbay.engine.plugins.PluginFolderWatcherAccess;
import dev.patchbay.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What serve's watcher does with the connectors folder, scan by scan on a hand-moved clock: a definition dropped in
 * joins the catalog once it has held still, an edit replaces it, a removal takes it out.
 */
class DefinitionWatchTest {

  private static final Duration SETTLE = Duration.ofSeconds(2);

  @TempDir
  Path home;

  @Test
  void droppedEditedAndRemovedDefinitionsAreFollowed() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    Path connectors = Files.createDirectories(home.resolve("connectors"));
    String github = Files.readString(DeclarativeWorld.DEFINITIONS.resolve("github.json"));
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start();
        AutoCloseable watcher = PluginFolderWatcherAccess.watch(runtime.plugins(), connectors,
            new PluginWatchSettings(SETTLE, Duration.ofSeconds(10)), clock)) {
      Path file = Files.writeString(connectors.resolve("github.json"), github);
      PluginFolderWatcherAccess.scan(watcher);
      clock.advance(SETTLE.minusMillis(1));
      PluginFolderWatcherAccess.scan(watcher);
      assertTrue(runtime.catalog().connector("github").isEmpty(), "not before it held still");
      clock.advance(Duration.ofMillis(1));
      PluginFolderWatcherAccess.scan(watcher);
      assertTrue(runtime.catalog().connector("github").isPresent(), runtime.catalog().plugins().toString());

      Files.writeString(file, github.replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\""));
      PluginFolderWatcherAccess.scan(watcher);
      clock.advance(SETTLE);
      PluginFolderWatcherAccess.scan(watcher);
      assertEquals("1.0.1", runtime.catalog().connector("github").orElseThrow().definition().version());

      Files.delete(file);
      PluginFolderWatcherAccess.scan(watcher);
      clock.advance(SETTLE);
      PluginFolderWatcherAccess.scan(watcher);
      assertTrue(runtime.catalog().connector("github").isEmpty());
    }
  }
}
