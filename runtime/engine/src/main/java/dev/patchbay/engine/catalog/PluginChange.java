package dev.patchbay.engine.catalog;

import java.nio.file.Path;

/**
 * One change to the running plugins, as the registry made it.
 *
 * @param archive the plugin zip
 * @param pluginId the plugin's id, or null when its descriptor could not be read
 * @param version the version the change is about (the new one for a load or replace), or null
 * @param previousVersion the version that was serving before: the replaced one, or the one that keeps serving when
 *     new content of its archive was refused; else null
 * @param reason why it failed, was shadowed or removed; else null
 */
public record PluginChange(Kind kind, Path archive, String pluginId, String version, String previousVersion,
    String reason) {

  /** What happened. */
  public enum Kind {
    /** A new plugin is in the catalog. */
    LOADED,
    /** A new version took over from an older one, which finishes its running activities before it is unloaded. */
    REPLACED,
    /** The archive is gone; its connectors left the catalog, its running activities finish. */
    REMOVED,
    /** The archive's plugin was refused; if an older version was serving, it still is. */
    FAILED,
    /** The archive carries a plugin id already loaded from an archive that wins over it. */
    SHADOWED,
    /** A replaced or removed plugin finished its last activity and was unloaded. */
    UNLOADED,
    /** The archive's content is what is loaded already; nothing was done. */
    UNCHANGED
  }

  /** The archive's file name. */
  public String fileName() {
    return archive.getFileName().toString();
  }
}
