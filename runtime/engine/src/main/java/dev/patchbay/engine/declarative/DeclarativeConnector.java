package dev.patchbay.engine.declarative;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.Connector;
import dev.patchbay.api.Sandbox;
import dev.patchbay.engine.declarative.mock.ExampleSandbox;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionOutline;
import dev.patchbay.engine.definitions.OperationDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connector made from its definition alone: every operation runs from its {@code http} block, every auth type
 * identifies the connection with its {@code identify} call. It runs through the same runner as a plugin's code.
 */
public final class DeclarativeConnector implements Connector {

  private final String id;
  private final Map<String, Activity> activities;
  private final Map<String, AuthHandler> authHandlers;
  private final Sandbox sandbox;

  private DeclarativeConnector(ConnectorDefinition definition) {
    this.id = definition.id();
    this.sandbox = new ExampleSandbox(definition);
    this.activities = activities(definition);
    Map<String, AuthHandler> handlers = new LinkedHashMap<>();
    for (AuthTypeDefinition authType : definition.authTypes()) {
      handlers.put(authType.id(), new DeclaredIdentity(definition.id(), authType));
    }
    this.authHandlers = Map.copyOf(handlers);
  }

  /**
   * Checks that a definition needs no code: its operations are all declarative and its auth types all declare their
   * identify call; the problems otherwise, one per operation or auth type.
   */
  public static void requireDeclarative(DefinitionOutline outline) throws NotDeclarativeException {
    java.util.List<String> problems = new java.util.ArrayList<>();
    outline.operations().stream().filter(operation -> !operation.declarative()).forEach(operation ->
        problems.add("operation '" + operation.id() + "' has no http block, and a definition without a plugin "
            + "has no code to run it"));
    outline.authTypes().stream().filter(authType -> !authType.identifies()).forEach(authType ->
        problems.add("auth type '" + authType.id() + "' has no identify block, and a definition without a plugin "
            + "has no code to tell who a connection acts as"));
    if (!problems.isEmpty()) {
      throw new NotDeclarativeException(String.join("; ", problems));
    }
  }

  /** The connector for a definition whose outline passed {@link #requireDeclarative}. */
  public static DeclarativeConnector of(ConnectorDefinition definition) {
    return new DeclarativeConnector(definition);
  }

  /** The activities of a definition's declarative operations, by operation id. */
  public static Map<String, Activity> activities(ConnectorDefinition definition) {
    Map<String, Activity> declared = new LinkedHashMap<>();
    for (OperationDefinition operation : definition.operations()) {
      if (operation.declarative()) {
        declared.put(operation.id(), new HttpActivity(definition.id(), operation));
      }
    }
    return Map.copyOf(declared);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Map<String, Activity> activities() {
    return activities;
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return authHandlers;
  }

  /** The mock that answers each operation with its definition's examples. */
  @Override
  public Optional<Sandbox> sandbox() {
    return Optional.of(sandbox);
  }

  /** A definition that cannot run without a plugin. */
  public static final class NotDeclarativeException extends Exception {
    private static final long serialVersionUID = 1L;

    NotDeclarativeException(String message) {
      super(message);
    }
  }
}
