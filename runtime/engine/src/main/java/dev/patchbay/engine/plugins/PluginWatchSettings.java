package dev.patchbay.engine.plugins;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PluginFolderWatcher} decides that an archive is ready.
 *
 * @param settle how long an archive's size and modification time must stay the same before it is loaded (or, once
 *     gone, before its plugin is removed): a zip still being copied keeps changing, and is not loaded half-written
 * @param rescanEvery how often the folders are listed even without a file-system event, for the events a file
 *     system does not deliver (network mounts, folders created later)
 */
public record PluginWatchSettings(Duration settle, Duration rescanEvery) {

  public PluginWatchSettings {
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(rescanEvery, "rescanEvery");
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle must not be negative");
    }
    if (rescanEvery.isNegative() || rescanEvery.isZero()) {
      throw new IllegalArgumentException("rescanEvery must be positive");
    }
  }

  /** One second to settle, a rescan every ten seconds. */
  public static PluginWatchSettings defaults() {
    return new PluginWatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(10));
  }
}
