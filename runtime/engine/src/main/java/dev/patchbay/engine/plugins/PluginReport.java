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
 * @param error why it failed, was shadowed or is draining; for an active plugin, why newer content of its archive
 *     was refused (the version shown keeps serving); else null
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

  /** An archive refused before its descriptor could be read. */
  public static PluginReport refused(Path archive, String why) {
    return new PluginReport(archive, null, null, PluginStatus.FAILED, List.of(), why);
  }

  /** The same archive, failed for the given reason. */
  public PluginReport failed(String why) {
    return with(PluginStatus.FAILED, why);
  }

  /** The same report with another status and reason, and no connectors unless active. */
  public PluginReport with(PluginStatus newStatus, String why) {
    return new PluginReport(archive, pluginId, version, newStatus,
        newStatus == PluginStatus.ACTIVE ? connectors : List.of(), why);
  }
}
