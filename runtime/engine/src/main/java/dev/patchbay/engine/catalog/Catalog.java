package dev.patchbay.engine.catalog;

import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connectors the runtime can run, and what became of every plugin archive. There is one catalog per runtime and
 * everyone holds it; when plugins are added, replaced or removed, its contents are swapped whole, so a reader always
 * sees connectors and plugin reports of one moment, without locking.
 */
public final class Catalog {

  /** One moment of the catalog. */
  record Contents(
      SortedMap<String, CatalogEntry> entries, Map<String, PluginUsage> usages, List<PluginReport> plugins,
      Map<String, String> departures) {

    static final Contents EMPTY = new Contents(new TreeMap<>(), Map.of(), List.of(), Map.of());

    Contents {
      entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
      usages = Map.copyOf(usages);
      plugins = List.copyOf(plugins);
      departures = Map.copyOf(departures);
    }
  }

  private final AtomicReference<Contents> contents = new AtomicReference<>(Contents.EMPTY);

  Catalog() {}

  void publish(Contents next) {
    contents.set(next);
  }

  /** Connectors by id, sorted. */
  public Collection<CatalogEntry> connectors() {
    return contents.get().entries().values();
  }

  public Optional<CatalogEntry> connector(String id) {
    return Optional.ofNullable(contents.get().entries().get(id));
  }

  /**
   * The connector for one call, its plugin held loaded until the lease is closed; empty when there is no such
   * connector.
   */
  public Optional<CatalogLease> lease(String connectorId) {
    while (true) {
      Contents now = contents.get();
      CatalogEntry entry = now.entries().get(connectorId);
      if (entry == null) {
        return Optional.empty();
      }
      PluginUsage usage = now.usages().get(connectorId);
      if (usage.tryEnter()) {
        return Optional.of(new CatalogLease(entry, usage));
      }
      // Its plugin was retired after these contents were read, so newer contents are published already.
    }
  }

  /**
   * Why a connector that was in the catalog is not any more (its plugin was removed, or replaced by a version
   * without it), as a sentence; empty for a connector that never was, or is back.
   */
  public Optional<String> departure(String connectorId) {
    return Optional.ofNullable(contents.get().departures().get(connectorId));
  }

  /** Every plugin archive found, in load order, and plugins still finishing activities after a replace. */
  public List<PluginReport> plugins() {
    return contents.get().plugins();
  }

  /** The archives that failed to load. */
  public List<PluginReport> failedPlugins() {
    return plugins().stream().filter(report -> report.status() == PluginStatus.FAILED).toList();
  }
}
