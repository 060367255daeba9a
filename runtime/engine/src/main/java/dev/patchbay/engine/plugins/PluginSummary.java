package dev.patchbay.engine.plugins;

import java.util.List;

/** What became of one plugin archive, as listings show it (CLI {@code --json}, the server's API). */
public record PluginSummary(
    String file, String id, String version, String state, List<String> connectors, String error) {

  public static PluginSummary of(PluginReport report) {
    return new PluginSummary(report.fileName(), report.pluginId(), report.version(), report.status().name(),
        report.connectors(), report.error());
  }
}
