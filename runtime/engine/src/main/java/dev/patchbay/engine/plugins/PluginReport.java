package dev.patchbay.engine.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * What became of one plugin archive.
 *
 * @param archive the zip in a plugins folder
 * @param pluginId the id from its descriptor, or null when the descriptor could not be read
 * @param version the version from its descriptor, or null
 * @param connectors ids of the connectors it contributes to the catalog
 * @param error why it failed or was shadowed, or null when active
 */
public record PluginReport(
    Path archive, String pluginId, String version, PluginStatus status, List<String> connectors, String error) {

  public PluginReport {
    connectors = List.copyOf(connectors);
  }

  /** The archive's file name, which is how users know their plugins. */
  public String fileName() {
    return archive.getFileName().toString();
  }

  /** The same archive, failed for the given reason. */
  public PluginReport failed(String why) {
    return new PluginReport(archive, pluginId, version, PluginStatus.FAILED, List.of(), why);
  }
}
