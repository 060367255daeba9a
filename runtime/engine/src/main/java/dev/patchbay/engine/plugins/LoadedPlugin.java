package dev.patchbay.engine.plugins;

import dev.patchbay.api.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin archive after loading: its report and, when it started, the connector implementations it contributes,
 * running in a PF4J manager of its own until {@link #unload()}.
 */
public final class LoadedPlugin {

  private static final Logger LOG = LoggerFactory.getLogger(LoadedPlugin.class);

  private final PluginReport report;
  private final List<Connector> connectors;
  private final ClassLoader classLoader;
  private final UnpackedArchive unpacked;
  private final PatchbayPluginManager manager;
  private boolean unloaded;

  LoadedPlugin(PluginReport report, List<Connector> connectors, ClassLoader classLoader, UnpackedArchive unpacked,
      PatchbayPluginManager manager) {
    this.report = report;
    this.connectors = List.copyOf(connectors);
    this.classLoader = classLoader;
    this.unpacked = unpacked;
    this.manager = manager;
  }

  static LoadedPlugin failed(PluginReport report, UnpackedArchive unpacked) {
    return new LoadedPlugin(report, List.of(), null, unpacked, null);
  }

  public PluginReport report() {
    return report;
  }

  public List<Connector> connectors() {
    return connectors;
  }

  /** The archive it was loaded from, as unpacked. */
  public UnpackedArchive unpacked() {
    return unpacked;
  }

  /**
   * Reads a resource from this plugin only: a missing resource must not fall back to the host's classpath.
   */
  public Optional<byte[]> readOwnResource(String name) throws IOException {
    if (!(classLoader instanceof URLClassLoader own)) {
      return Optional.empty();
    }
    URL url = own.findResource(name);
    if (url == null) {
      return Optional.empty();
    }
    URLConnection connection = url.openConnection();
    // A cached jar: connection would keep the plugin's jar open after unload.
    connection.setUseCaches(false);
    try (InputStream in = connection.getInputStream()) {
      return Optional.of(in.readAllBytes());
    }
  }

  /**
   * Stops the plugin and closes its class loader. Idempotent. The caller first makes sure nothing runs in it any
   * more and drops every reference to its connectors, or their classes could never be collected.
   */
  public synchronized void unload() {
    if (unloaded || manager == null) {
      return;
    }
    unloaded = true;
    try (PluginExits.Scope stopping = PluginExits.enter(report.pluginId(), "stopping", () -> { })) {
      // unloadPlugins() stops and unloads a copy of the list; stopPlugins() would throw
      // ConcurrentModificationException in PF4J 3.15.0 (pf4j#656).
      manager.unloadPlugins();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("plugin {} ({}) did not unload cleanly: {}", report.pluginId(), report.fileName(), e.toString());
    }
  }
}
