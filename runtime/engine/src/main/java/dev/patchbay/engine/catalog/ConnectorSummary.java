package dev.patchbay.engine.catalog;

import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import java.util.List;

/** One line of the catalog, as listings show it (CLI {@code --json}, the server's API). */
public record ConnectorSummary(
    String id, String name, String version, String description, int operations, List<String> authTypes,
    String plugin) {

  public static ConnectorSummary of(CatalogEntry entry) {
    ConnectorDefinition definition = entry.definition();
    return new ConnectorSummary(definition.id(), definition.name(), definition.version(), definition.description(),
        definition.operations().size(), definition.authTypes().stream().map(AuthTypeDefinition::id).toList(),
        entry.pluginId());
  }
}
