package dev.patchbay.engine.catalog;

import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The connectors the runtime can run, and what became of every plugin archive. */
public final class Catalog {

  private final Map<String, CatalogEntry> connectors;
  private final List<PluginReport> plugins;

  Catalog(Collection<CatalogEntry> connectors, List<PluginReport> plugins) {
    TreeMap<String, CatalogEntry> byId = new TreeMap<>();
    connectors.forEach(entry -> byId.put(entry.id(), entry));
    this.connectors = java.util.Collections.unmodifiableMap(byId);
    this.plugins = List.copyOf(plugins);
  }

  /** Connectors by id, sorted. */
  public Collection<CatalogEntry> connectors() {
    return connectors.values();
  }

  public Optional<CatalogEntry> connector(String id) {
    return Optional.ofNullable(connectors.get(id));
  }

  /** Every plugin archive found, in load order. */
  public List<PluginReport> plugins() {
    return plugins;
  }

  /** The archives that failed to load. */
  public List<PluginReport> failedPlugins() {
    return plugins.stream().filter(report -> report.status() == PluginStatus.FAILED).toList();
  }
}
