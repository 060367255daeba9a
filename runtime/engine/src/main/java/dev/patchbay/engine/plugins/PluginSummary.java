package dev.patchbay.engine.plugins;

import dev.patchbay.engine.activities.PluginCallHealth;
import java.util.List;

/**
 * What became of one plugin archive, as listings show it (CLI {@code --json}, the server's API).
 *
 * @param state the {@link PluginStatus}, or {@code QUARANTINED} for an active plugin whose calls this process refuses
 *     for now
 * @param quarantinedUntil when one trial call is let through again, for a quarantined plugin; else null
 * @param stuckCalls calls running past their deadline although interrupted, each keeping a thread
 */
public record PluginSummary(String file, String id, String version, String state, List<String> connectors,
    String error, String quarantinedUntil, int stuckCalls) {

  /** A report alone: in a process that has run no call of the plugin. */
  public static PluginSummary of(PluginReport report) {
    return of(report, new PluginCallHealth(null, 0));
  }

  /** A report with how the plugin's calls fare in this process. */
  public static PluginSummary of(PluginReport report, PluginCallHealth health) {
    boolean quarantined = report.status() == PluginStatus.ACTIVE && health.quarantined().isPresent();
    return new PluginSummary(report.fileName(), report.pluginId(), report.version(),
        quarantined ? "QUARANTINED" : report.status().name(), report.connectors(),
        quarantined ? "its last " + health.quarantine().failuresInARow() + " calls failed inside its own code (the "
            + "last: " + health.quarantine().lastFailure() + ")" : report.error(),
        quarantined ? health.quarantine().until().toString() : null, health.stuckCalls());
  }
}
