package dev.patchbay.engine.definitions;

import java.util.List;

/**
 * What loading and listing need of a checked definition, without binding the whole of it: the connector's identity,
 * its operations and auth types by id with whether the host runs them without code, and whether it declares webhook
 * events. Small enough to be remembered with a definition's verdict ({@link VerifiedDefinitions}), so a definition
 * verified before is listed and checked against its plugin without being parsed.
 */
public record DefinitionOutline(
    String id, String name, String version, String description, List<Operation> operations,
    List<AuthType> authTypes, boolean receivesWebhooks) {

  /** An operation; declarative when it has an {@code http} block, which the host runs itself. */
  public record Operation(String id, boolean declarative) {}

  /** An auth type; it identifies a connection itself when it declares an {@code identify} call. */
  public record AuthType(String id, boolean identifies) {}

  public DefinitionOutline {
    operations = List.copyOf(operations);
    authTypes = List.copyOf(authTypes);
  }

  /** The outline of a bound definition. */
  public static DefinitionOutline of(ConnectorDefinition definition) {
    return new DefinitionOutline(definition.id(), definition.name(), definition.version(), definition.description(),
        definition.operations().stream()
            .map(operation -> new Operation(operation.id(), operation.declarative())).toList(),
        definition.authTypes().stream()
            .map(authType -> new AuthType(authType.id(), authType.identify() != null)).toList(),
        definition.webhooks() != null);
  }

  /** The auth types' ids, in definition order. */
  public List<String> authTypeIds() {
    return authTypes.stream().map(AuthType::id).toList();
  }
}
