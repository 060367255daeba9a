package dev.patchbay.engine.definitions;

/**
 * A definition that passed every check at load: its {@link DefinitionOutline} at once, the bound
 * {@link ConnectorDefinition} on first use. Content verified before (the same bytes under the same checks) is bound
 * only when something needs more than the outline, so listing fifty declarative connectors parses none of them.
 * Only {@link DefinitionReader} makes one.
 */
public final class CheckedDefinition {

  private final DefinitionOutline outline;
  private final String source;
  /** The verified content until it is bound; volatile, as the entry may be published to other threads unsafely. */
  private volatile byte[] content;
  private volatile ConnectorDefinition definition;

  private CheckedDefinition(DefinitionOutline outline, String source, byte[] content, ConnectorDefinition definition) {
    this.outline = outline;
    this.source = source;
    this.content = content;
    this.definition = definition;
  }

  static CheckedDefinition bound(ConnectorDefinition definition) {
    return new CheckedDefinition(DefinitionOutline.of(definition), null, null, definition);
  }

  /** Content a verified record vouches for, with the outline recorded with it. */
  static CheckedDefinition verified(String source, byte[] content, DefinitionOutline outline) {
    return new CheckedDefinition(outline, source, content, null);
  }

  public DefinitionOutline outline() {
    return outline;
  }

  public String id() {
    return outline.id();
  }

  /** The whole definition, bound from the checked content on the first call. */
  public ConnectorDefinition definition() {
    ConnectorDefinition bound = definition;
    if (bound == null) {
      synchronized (this) {
        bound = definition;
        if (bound == null) {
          bound = DefinitionReader.bindVerified(source, content, outline);
          definition = bound;
          content = null;
        }
      }
    }
    return bound;
  }
}
