package dev.patchbay.engine.catalog;

import dev.patchbay.api.Activity;
import dev.patchbay.api.Connector;
import dev.patchbay.engine.declarative.DeclarativeConnector;
import dev.patchbay.engine.declarative.WithDeclaredOperations;
import dev.patchbay.engine.definitions.CheckedDefinition;
import dev.patchbay.engine.definitions.DefinitionOutline;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.InvalidDefinitionException;
import dev.patchbay.engine.definitions.VerifiedDefinitions;
import dev.patchbay.engine.plugins.LoadedPlugin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Joins a plugin's connector implementations with the definitions it carries ({@code connectors/<id>.json}) and
 * admits a connector only when the two agree. A connector that fails fails its plugin, with a message naming both
 * sides; every other plugin is unaffected.
 */
public final class CatalogLoader {

  private final DefinitionReader reader;

  public CatalogLoader(DefinitionReader reader) {
    this.reader = reader;
  }

  DefinitionReader reader() {
    return reader;
  }

  /**
   * The catalog entries of a started plugin, each checked against its definition.
   *
   * @param occupant the entry that holds a connector id now, if any (leaving out plugins this one replaces)
   * @throws RejectedConnectorException why the plugin cannot join the catalog; nothing of it was admitted
   */
  List<CatalogEntry> admit(LoadedPlugin plugin, Function<String, Optional<CatalogEntry>> occupant)
      throws RejectedConnectorException {
    List<CatalogEntry> entries = new ArrayList<>();
    if (plugin.connectors().isEmpty()) {
      entries.add(admitCodeless(plugin, occupant));
      return entries;
    }
    for (Connector connector : plugin.connectors()) {
      entries.add(admit(plugin, connector, occupant, entries));
    }
    return entries;
  }

  private CatalogEntry admit(LoadedPlugin plugin, Connector connector,
      Function<String, Optional<CatalogEntry>> occupant, List<CatalogEntry> sameArchive)
      throws RejectedConnectorException {
    String implementation = connector.getClass().getName();
    String id = call(implementation + ".id()", connector::id);
    if (id == null || id.isBlank()) {
      throw new RejectedConnectorException(implementation + ".id() returned no id");
    }
    Optional<CatalogEntry> earlier = occupant.apply(id)
        .or(() -> sameArchive.stream().filter(entry -> entry.id().equals(id)).findFirst());
    if (earlier.isPresent()) {
      throw new RejectedConnectorException("connector id '" + id + "' is already provided by plugin "
          + earlier.get().pluginId() + " (" + earlier.get().archive().getFileName() + "); " + implementation
          + " in plugin " + plugin.report().pluginId() + " cannot claim it too");
    }
    String resource = "connectors/" + id + ".json";
    String source = plugin.report().fileName() + "!" + resource;
    CheckedDefinition definition = readDefinition(plugin, resource, source, implementation);
    if (!definition.id().equals(id)) {
      throw new RejectedConnectorException(
          source + " declares id '" + definition.id() + "' but " + implementation + ".id() is '" + id + "'");
    }
    @SuppressWarnings("unchecked")
    Map<String, Activity> activities = (Map<String, Activity>) ImplementationCheck.verify(definition.outline(),
        connector, source);
    boolean declaresOperations = definition.outline().operations().stream()
        .anyMatch(DefinitionOutline.Operation::declarative);
    return new CatalogEntry(definition, checked -> declaresOperations
        ? WithDeclaredOperations.of(connector, activities, checked.definition()) : connector,
        plugin.report().pluginId(), plugin.report().archive());
  }

  /** A plugin without code: its definition {@code connectors/<plugin id>.json} must need none. */
  private CatalogEntry admitCodeless(LoadedPlugin plugin, Function<String, Optional<CatalogEntry>> occupant)
      throws RejectedConnectorException {
    String pluginId = plugin.report().pluginId();
    String resource = "connectors/" + pluginId + ".json";
    String source = plugin.report().fileName() + "!" + resource;
    try {
      if (plugin.readOwnResource(resource).isEmpty()) {
        throw new RejectedConnectorException("contributes no Connector extension and no declarative definition "
            + resource + " (for code, mark the connector class with @org.pf4j.Extension and build with PF4J's "
            + "annotation processor)");
      }
    } catch (IOException e) {
      throw new RejectedConnectorException("cannot read " + source + ": " + e.getMessage());
    }
    CheckedDefinition definition = readDefinition(plugin, resource, source, "plugin " + pluginId);
    Optional<CatalogEntry> earlier = occupant.apply(definition.id());
    if (earlier.isPresent()) {
      throw new RejectedConnectorException("connector id '" + definition.id() + "' is already provided by plugin "
          + earlier.get().pluginId() + " (" + earlier.get().archive().getFileName() + ")");
    }
    try {
      DeclarativeConnector.requireDeclarative(definition.outline());
    } catch (DeclarativeConnector.NotDeclarativeException e) {
      throw new RejectedConnectorException(source + " needs code, but the plugin has none: " + e.getMessage());
    }
    return new CatalogEntry(definition, checked -> DeclarativeConnector.of(checked.definition()), pluginId,
        plugin.report().archive());
  }

  private CheckedDefinition readDefinition(LoadedPlugin plugin, String resource, String source, String implementation)
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
      return reader.check(source, bytes.get(), VerifiedDefinitions.sha256(bytes.get()));
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
