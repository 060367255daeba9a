package dev.patchbay.engine.catalog;

import dev.patchbay.engine.definitions.DefinitionOutline;
import java.util.List;

/** One line of the catalog, as listings show it (CLI {@code --json}, the server's API). */
public record ConnectorSummary(
    String id, String name, String version, String description, int operations, List<String> authTypes,
    String plugin) {

  public static ConnectorSummary of(CatalogEntry entry) {
    DefinitionOutline outline = entry.outline();
    return new ConnectorSummary(outline.id(), outline.name(), outline.version(), outline.description(),
        outline.operations().size(), outline.authTypeIds(), entry.pluginId());
  }
}
