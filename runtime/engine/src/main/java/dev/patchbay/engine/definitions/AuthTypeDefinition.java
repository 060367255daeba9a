package dev.patchbay.engine.definitions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a user can connect.
 *
 * @param fields JSON Schema of what the user enters; properties marked {@code writeOnly} are secrets
 * @param baseUrlField a member of the token endpoint's answer naming the server this account's API is served from
 *     (Zoom's {@code api_url}): the connection's base URL is that origin with the definition's path; or null
 * @param oneAuthorizationPerUser the provider keeps one live authorization per user and app, so granting a new one
 *     revoked the same user's earlier ones (Zoom): they are marked {@code NEEDS_REAUTH} when a connection is made
 * @param pkce whether the sign-in sends a PKCE challenge (S256); absent means yes ({@link #usesPkce}), false for
 *     providers that reject it (Slack)
 * @param requestScopes how the sign-in asks for scopes, or null to ask for none (Zoom grants the app's configured
 *     scopes and rejects some lists)
 * @param clientRefusedErrors the token endpoint's error codes, besides RFC 6749's {@code invalid_client}, that say
 *     the app's client ID or secret was refused (GitHub's {@code incorrect_client_credentials}); or null
 */
public record AuthTypeDefinition(
    String id,
    Kind kind,
    String displayName,
    String description,
    String authorizeUrl,
    String tokenUrl,
    String revokeUrl,
    Boolean pkce,
    ClientCredentials clientCredentials,
    JsonNode fields,
    ApiKey apiKey,
    GrantedScopes grantedScopes,
    Identify identify,
    String baseUrlField,
    boolean oneAuthorizationPerUser,
    RequestScopes requestScopes,
    List<String> clientRefusedErrors) {

  /** How the connection authenticates. */
  public enum Kind {
    /** A person signs in at the provider and consents (RFC 6749 §4.1). */
    @JsonProperty("oauth2-authorization-code") OAUTH2_AUTHORIZATION_CODE("oauth2-authorization-code"),
    /** The app authenticates as itself (RFC 6749 §4.4; Zoom's server-to-server OAuth). */
    @JsonProperty("oauth2-client-credentials") OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials"),
    /** A key the user pastes, sent in a header or query parameter. */
    @JsonProperty("api-key") API_KEY("api-key"),
    /** A token the user pastes, sent as {@code Authorization: Bearer}. */
    @JsonProperty("bearer-token") BEARER_TOKEN("bearer-token"),
    /** HTTP Basic (RFC 7617) with the fields username and password. */
    @JsonProperty("basic") BASIC("basic");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in definitions. */
    public String wireName() {
      return wireName;
    }

    /** Whether tokens come from an OAuth token endpoint; otherwise the user pastes the secret. */
    public boolean isOAuth() {
      return this == OAUTH2_AUTHORIZATION_CODE || this == OAUTH2_CLIENT_CREDENTIALS;
    }
  }

  /**
   * Where an api-key goes.
   *
   * @param in "header" or "query"
   * @param prefix put before the key ("token ", "Bearer "), or null for none
   */
  public record ApiKey(String in, String name, String prefix) {}

  /**
   * Where a connection's granted scopes come from.
   *
   * @param from "token-response", "header" (of the identify call's answer) or "unknown"
   * @param separator between scopes in the header; null for a comma
   */
  public record GrantedScopes(String from, String header, String separator) {}

  /**
   * How an authorization request names the scopes it asks for.
   *
   * @param parameter the query parameter ({@code scope}, the default)
   * @param separator between scopes: a space (RFC 6749, GitHub) or a comma (Slack)
   */
  public record RequestScopes(String parameter, String separator) {
    public RequestScopes {
      parameter = parameter == null ? "scope" : parameter;
    }
  }

  /** A declarative identify call: a GET of {@code path}, the identity read by JSON pointers from the answer. */
  public record Identify(String path, String userId, String displayName, String accountId, String email) {}

  /**
   * Whether a connection's scopes are unknown, so the scope pre-flight is left to the provider: declared so, or a
   * pasted credential whose scopes are read from nowhere.
   */
  public boolean scopesUnknown() {
    if (grantedScopes == null) {
      return !kind.isOAuth();
    }
    return "unknown".equals(grantedScopes.from());
  }

  /** The one secret field the user pastes (api-key, bearer-token: the token; basic: the password). */
  public String secretField() {
    return fieldList().stream().filter(FieldDefinition::secret).map(FieldDefinition::name).findFirst()
        .orElse(null);
  }

  /**
   * Whether a sign-in sends a PKCE challenge and its verifier: for an authorization code, unless the definition says
   * {@code "pkce": false} (a provider that rejects it); a definition that leaves it out keeps PKCE (RFC 8252).
   */
  public boolean usesPkce() {
    return kind == Kind.OAUTH2_AUTHORIZATION_CODE && !Boolean.FALSE.equals(pkce);
  }

  /** Whether the token endpoint's {@code error} says the app's client ID or secret was refused. */
  public boolean refusesClient(String error) {
    return "invalid_client".equals(error) || clientRefusedErrors != null && clientRefusedErrors.contains(error);
  }

  /** Where the OAuth client ID and secret come from. */
  public enum ClientCredentials {
    /** The operator's runtime configuration: the user only signs in. */
    @JsonProperty("operator") OPERATOR,
    /** Fields the user enters ({@code clientId}, {@code clientSecret}). */
    @JsonProperty("fields") FIELDS
  }

  /** The fields the user enters, in declaration order. */
  public List<FieldDefinition> fieldList() {
    List<FieldDefinition> list = new ArrayList<>();
    JsonNode properties = fields.path("properties");
    List<String> required = new ArrayList<>();
    fields.path("required").forEach(name -> required.add(name.asString()));
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode schema = property.getValue();
      list.add(new FieldDefinition(
          property.getKey(),
          schema.path("title").asString(property.getKey()),
          schema.path("description").asString(""),
          required.contains(property.getKey()),
          schema.path("writeOnly").asBoolean(false)));
    }
    return list;
  }
}
