package dev.patchbay.engine.catalog;

import dev.patchbay.api.Connector;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import java.nio.file.Path;

/**
 * A connector whose definition and implementation were checked against each other.
 *
 * @param archive the plugin archive it came from
 */
public record CatalogEntry(ConnectorDefinition definition, Connector implementation, String pluginId, Path archive) {

  public String id() {
    return definition.id();
  }
}
