package dev.patchbay.engine.plugins;

import dev.patchbay.engine.catalog.PluginRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A watcher as serve starts one, but scanned by the test on its own clock, for tests outside this package. */
public final class PluginFolderWatcherAccess {

  private PluginFolderWatcherAccess() {}

  /** A watcher over the registry's plugin folders and one definitions folder, not started. */
  public static AutoCloseable watch(PluginRegistry registry, Path definitions, PluginWatchSettings settings,
      Clock clock) {
    return new PluginFolderWatcher(registry.roots(), List.of(definitions), settings, clock, registry::reload,
        registry.admissionPolicy().file(), registry::rescan);
  }

  public static void scan(AutoCloseable watcher) {
    ((PluginFolderWatcher) watcher).scan();
  }
}
