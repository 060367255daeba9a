package dev.patchbay.engine.plugins;

/** Where a plugin archive ended up. */
public enum PluginStatus {
  /** Loaded and started; its connectors are in the catalog. */
  ACTIVE,
  /** Refused or broken; the error says why. Other plugins are not affected. */
  FAILED,
  /** Not loaded because a plugin with the same id was loaded from an earlier plugins folder. */
  SHADOWED,
  /**
   * Replaced or removed while the runtime ran: no longer in the catalog, still finishing the activities that were
   * running in it; unloaded when the last one returns.
   */
  DRAINING
}
