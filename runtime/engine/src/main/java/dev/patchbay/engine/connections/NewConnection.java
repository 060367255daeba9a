package dev.patchbay.engine.connections;

import dev.patchbay.engine.secrets.Secret;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for when connecting.
 *
 * @param fields what the user entered for the auth type's fields; secret ones are {@link Secret}s
 * @param baseUrl replaces the definition's API base URL (a regional cluster, a sandbox), or null
 * @param authorizeUrl replaces the auth type's authorization endpoint, or null
 * @param tokenUrl replaces the auth type's token endpoint, or null
 * @param revokeUrl replaces the auth type's revocation endpoint, or null
 * @param scopes the declared scopes to ask for at sign-in instead of what the operations need (only for auth types
 *     that ask for scopes); empty for the default
 */
public record NewConnection(
    String connectorId,
    String authTypeId,
    String name,
    Map<String, String> fields,
    Map<String, Secret> secretFields,
    String baseUrl,
    String authorizeUrl,
    String tokenUrl,
    String revokeUrl,
    List<String> scopes) {

  public NewConnection {
    fields = Map.copyOf(fields);
    secretFields = Map.copyOf(secretFields);
    scopes = List.copyOf(scopes);
  }

  /** A connection that asks for the scopes its operations need. */
  public NewConnection(String connectorId, String authTypeId, String name, Map<String, String> fields,
      Map<String, Secret> secretFields, String baseUrl, String authorizeUrl, String tokenUrl, String revokeUrl) {
    this(connectorId, authTypeId, name, fields, secretFields, baseUrl, authorizeUrl, tokenUrl, revokeUrl, List.of());
  }
}
