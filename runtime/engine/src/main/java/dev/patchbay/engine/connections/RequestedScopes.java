package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.auth.AuthorizationOptions;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes a sign-in asks for, for auth types whose definition says how ({@code requestScopes}): by default what
 * the definition's operations need (every scope of each operation's first alternative, so each operation is
 * covered by the alternative its definition lists first), or the declared scopes the user names instead.
 */
final class RequestedScopes {

  private RequestedScopes() {}

  /**
   * @param named the scopes the user asked for ({@code connections add --scope}); empty for the default
   * @throws ConnectorException INVALID_INPUT for a scope the definition does not declare, or scopes named for an
   *     auth type that asks for none
   */
  static List<String> of(ConnectorDefinition definition, AuthTypeDefinition authType, List<String> named)
      throws ConnectorException {
    if (authType.requestScopes() == null) {
      if (!named.isEmpty()) {
        throw new ConnectorException(ErrorCode.INVALID_INPUT, "auth type '" + authType.id() + "' of "
            + definition.name() + " asks for no scopes (" + (authType.kind().isOAuth() ? "the provider grants what "
            + "its app is configured with" : "a pasted credential carries the scopes it was made with")
            + "); leave out --scope");
      }
      return List.of();
    }
    if (named.isEmpty()) {
      return needed(definition);
    }
    Set<String> declared = new LinkedHashSet<>();
    definition.scopes().stream().map(ScopeDefinition::name).forEach(declared::add);
    List<String> unknown = named.stream().filter(scope -> !declared.contains(scope)).toList();
    if (!unknown.isEmpty()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, definition.name() + " declares no scope "
          + String.join(", ", unknown) + (declared.isEmpty() ? "; it declares none"
          : "; it declares " + String.join(", ", declared)));
    }
    return List.copyOf(new LinkedHashSet<>(named));
  }

  /**
   * What signing in again asks for: the scopes the connection was granted, so a connection made with fewer scopes
   * stays so; what the operations need when none are known.
   */
  static List<String> again(ConnectorDefinition definition, AuthTypeDefinition authType, Set<String> granted) {
    if (authType.requestScopes() == null) {
      return List.of();
    }
    return granted.isEmpty() ? needed(definition) : List.copyOf(new TreeSet<>(granted));
  }

  /** Every scope of the first alternative of each operation's requiredScopes, in declaration order. */
  static List<String> needed(ConnectorDefinition definition) {
    Set<String> scopes = new LinkedHashSet<>();
    for (OperationDefinition operation : definition.operations()) {
      if (!operation.requiredScopes().isEmpty()) {
        scopes.addAll(operation.requiredScopes().get(0));
      }
    }
    return new ArrayList<>(scopes);
  }

  /** The authorization request's options: the auth type's PKCE and scope parameter with these scopes. */
  static AuthorizationOptions options(AuthTypeDefinition authType, List<String> scopes) {
    AuthTypeDefinition.RequestScopes rule = authType.requestScopes();
    return rule == null ? new AuthorizationOptions(authType.usesPkce(), null, null)
        : new AuthorizationOptions(authType.usesPkce(), rule.parameter(), String.join(rule.separator(), scopes));
  }
}
