package dev.patchbay.engine.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Quarantines a plugin whose calls keep failing inside its own code (RELIABILITY R24): after
 * {@link #FAULTS_TO_QUARANTINE} such faults in a row, its calls are refused without running for
 * {@link #QUARANTINE}; then one call is let through to test it, which lifts the quarantine or renews it. A failure
 * the plugin reports on purpose (a {@code ConnectorException}: the provider said no) is the plugin working, and
 * counts as a success here.
 */
final class PluginBreaker {

  static final int FAULTS_TO_QUARANTINE = 5;
  static final Duration QUARANTINE = Duration.ofMinutes(1);

  private final String pluginId;
  private final Clock clock;
  private int faultsInARow;
  private String lastFault;
  private Instant quarantinedUntil;
  private boolean trialRunning;

  PluginBreaker(String pluginId, Clock clock) {
    this.pluginId = pluginId;
    this.clock = clock;
  }

  /** Lets a call run, or refuses it while the plugin is quarantined. */
  synchronized void admit(String name) throws ConnectorException {
    if (quarantinedUntil == null) {
      return;
    }
    if (!trialRunning && !clock.instant().isBefore(quarantinedUntil)) {
      trialRunning = true;
      return;
    }
    throw new ConnectorException(ErrorCode.PLUGIN_ERROR, name + " was not run: the connector plugin " + pluginId
        + " is quarantined because its last " + faultsInARow + " calls failed inside its own code (the last: "
        + lastFault + "). From " + quarantinedUntil + " one call is let through to test it; replacing the plugin "
        + "with a fixed version lifts the quarantine at once.");
  }

  /** The call returned, or reported a failure of its own: the plugin works. */
  synchronized void succeeded() {
    faultsInARow = 0;
    lastFault = null;
    quarantinedUntil = null;
    trialRunning = false;
  }

  /** The admitted call never ran, or its caller gave up on it: no verdict; a trial call may be let through again. */
  synchronized void released() {
    trialRunning = false;
  }

  /**
   * The call threw something other than a {@code ConnectorException}, or hung past its deadline.
   *
   * @return true when this fault quarantined the plugin (or renewed its quarantine)
   */
  synchronized boolean faulted(String fault) {
    faultsInARow++;
    lastFault = fault;
    trialRunning = false;
    if (faultsInARow >= FAULTS_TO_QUARANTINE) {
      quarantinedUntil = clock.instant().plus(QUARANTINE);
      return true;
    }
    return false;
  }
}
