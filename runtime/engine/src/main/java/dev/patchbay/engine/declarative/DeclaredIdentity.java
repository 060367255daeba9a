package dev.patchbay.engine.declarative;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A declarative auth type's identify call: a GET of its {@code identify.path}, the identity read by JSON pointers
 * from the answer, and the granted scopes from the declared response header when the auth type reads them there.
 */
final class DeclaredIdentity implements AuthHandler {

  private final String connectorId;
  private final AuthTypeDefinition authType;

  DeclaredIdentity(String connectorId, AuthTypeDefinition authType) {
    this.connectorId = connectorId;
    this.authType = authType;
  }

  @Override
  public ConnectionIdentity identify(ConnectorHttp http) throws ConnectorException {
    AuthTypeDefinition.Identify identify = authType.identify();
    ApiResponse response = http.send(ApiRequest.get(identify.path()).build());
    JsonNode body = response.body();
    String userId = text(body, identify.userId());
    if (userId == null) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, connectorId + " answered " + identify.path()
          + " without a user id at " + identify.userId() + ", where its definition reads it. Retry later; if it "
          + "persists, report it to the connector's author.");
    }
    Set<String> scopes = null;
    AuthTypeDefinition.GrantedScopes granted = authType.grantedScopes();
    if (granted != null && "header".equals(granted.from())) {
      String separator = granted.separator() == null ? "," : granted.separator();
      scopes = response.header(granted.header())
          .map(value -> Arrays.stream(value.split(java.util.regex.Pattern.quote(separator))).map(String::trim)
              .filter(scope -> !scope.isEmpty()).collect(Collectors.toSet()))
          .orElse(Set.of());
    }
    return new ConnectionIdentity(text(body, identify.accountId()), userId, text(body, identify.displayName()),
        text(body, identify.email()), scopes);
  }

  private static String text(JsonNode body, String pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode value = body.at(pointer);
    return value.isString() || value.isNumber() ? value.asString() : null;
  }
}
