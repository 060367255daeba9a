package dev.patchbay.engine.catalog;

import dev.patchbay.api.Connector;
import dev.patchbay.engine.definitions.CheckedDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionOutline;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A connector whose definition and implementation were checked against each other. The checks ran at load, on the
 * definition's outline; the whole definition, and the implementation made from it, are made on first use, so a
 * command that only lists connectors binds no definition it verified before.
 */
public final class CatalogEntry {

  private final CheckedDefinition checked;
  private final Function<CheckedDefinition, Connector> implementationOf;
  private final String pluginId;
  private final Path archive;
  private volatile Connector implementation;

  /**
   * @param implementationOf makes the implementation, once, on first use
   * @param archive the plugin archive (or definition file) it came from
   */
  CatalogEntry(CheckedDefinition checked, Function<CheckedDefinition, Connector> implementationOf,
      String pluginId, Path archive) {
    this.checked = checked;
    this.implementationOf = implementationOf;
    this.pluginId = pluginId;
    this.archive = archive;
  }

  public String id() {
    return checked.id();
  }

  /** What listings show, without binding the definition. */
  public DefinitionOutline outline() {
    return checked.outline();
  }

  public ConnectorDefinition definition() {
    return checked.definition();
  }

  public Connector implementation() {
    Connector made = implementation;
    if (made == null) {
      synchronized (this) {
        made = implementation;
        if (made == null) {
          made = implementationOf.apply(checked);
          implementation = made;
        }
      }
    }
    return made;
  }

  public String pluginId() {
    return pluginId;
  }

  /** The plugin archive, or the definition file, it came from. */
  public Path archive() {
    return archive;
  }

  @Override
  public String toString() {
    return "CatalogEntry[" + id() + " from " + archive + "]";
  }
}
