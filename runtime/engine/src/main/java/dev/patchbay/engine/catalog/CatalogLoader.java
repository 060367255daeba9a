package dev.patchbay.engine.catalog;

import dev.patchbay.api.Connector;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.InvalidDefinitionException;
import dev.patchbay.engine.plugins.LoadedPlugin;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins plugins' connector implementations with the definitions they carry ({@code connectors/<id>.json}) and
 * admits a connector only when the two agree. A connector that fails fails its plugin, with a message naming both
 * sides; every other plugin is unaffected.
 */
public final class CatalogLoader {

  private final DefinitionReader reader;

  public CatalogLoader(DefinitionReader reader) {
    this.reader = reader;
  }

  public Catalog build(List<LoadedPlugin> plugins) {
    Map<String, CatalogEntry> admitted = new LinkedHashMap<>();
    List<PluginReport> reports = new ArrayList<>();
    for (LoadedPlugin plugin : plugins) {
      PluginReport report = plugin.report();
      if (report.status() != PluginStatus.ACTIVE) {
        reports.add(report);
        continue;
      }
      try {
        List<CatalogEntry> entries = new ArrayList<>();
        for (Connector connector : plugin.connectors()) {
          entries.add(admit(plugin, connector, admitted, entries));
        }
        entries.forEach(entry -> admitted.put(entry.id(), entry));
        reports.add(new PluginReport(report.archive(), report.pluginId(), report.version(), PluginStatus.ACTIVE,
            entries.stream().map(CatalogEntry::id).toList(), null));
      } catch (RejectedConnectorException e) {
        reports.add(report.failed(e.getMessage()));
      }
    }
    return new Catalog(admitted.values(), reports);
  }

  private CatalogEntry admit(
      LoadedPlugin plugin, Connector connector, Map<String, CatalogEntry> admitted, List<CatalogEntry> sameArchive)
      throws RejectedConnectorException {
    String implementation = connector.getClass().getName();
    String id = call(implementation + ".id()", connector::id);
    if (id == null || id.isBlank()) {
      throw new RejectedConnectorException(implementation + ".id() returned no id");
    }
    CatalogEntry earlier = admitted.get(id);
    if (earlier == null) {
      earlier = sameArchive.stream().filter(entry -> entry.id().equals(id)).findFirst().orElse(null);
    }
    if (earlier != null) {
      throw new RejectedConnectorException("connector id '" + id + "' is already provided by plugin "
          + earlier.pluginId() + " (" + earlier.archive().getFileName() + "); " + implementation
          + " in plugin " + plugin.report().pluginId() + " cannot claim it too");
    }
    String resource = "connectors/" + id + ".json";
    String source = plugin.report().fileName() + "!" + resource;
    ConnectorDefinition definition = readDefinition(plugin, resource, source, implementation);
    if (!definition.id().equals(id)) {
      throw new RejectedConnectorException(
          source + " declares id '" + definition.id() + "' but " + implementation + ".id() is '" + id + "'");
    }
    ImplementationCheck.verify(definition, connector, source);
    return new CatalogEntry(definition, connector, plugin.report().pluginId(), plugin.report().archive());
  }

  private ConnectorDefinition readDefinition(LoadedPlugin plugin, String resource, String source, String implementation)
      throws RejectedConnectorException {
    Optional<byte[]> bytes;
    try {
      bytes = plugin.readOwnResource(resource);
    } catch (IOException e) {
      throw new RejectedConnectorException("cannot read " + source + ": " + e.getMessage());
    }
    if (bytes.isEmpty()) {
      throw new RejectedConnectorException(
          implementation + " has no definition: the plugin must carry " + resource);
    }
    try {
      return reader.read(source, bytes.get());
    } catch (InvalidDefinitionException e) {
      throw new RejectedConnectorException("invalid definition: " + e.getMessage());
    }
  }

  static <T> T call(String what, java.util.function.Supplier<T> pluginCode) throws RejectedConnectorException {
    try {
      return pluginCode.get();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      throw new RejectedConnectorException(what + " failed: " + e);
    }
  }
}
