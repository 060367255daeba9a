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
 */
public record AuthTypeDefinition(
    String id,
    Kind kind,
    String displayName,
    String description,
    String authorizeUrl,
    String tokenUrl,
    String revokeUrl,
    boolean pkce,
    ClientCredentials clientCredentials,
    JsonNode fields) {

  /** The OAuth 2.0 grant behind the auth type. */
  public enum Kind {
    /** A person signs in at the provider and consents (RFC 6749 §4.1). */
    @JsonProperty("oauth2-authorization-code") OAUTH2_AUTHORIZATION_CODE,
    /** The app authenticates as itself (RFC 6749 §4.4; Zoom's server-to-server OAuth). */
    @JsonProperty("oauth2-client-credentials") OAUTH2_CLIENT_CREDENTIALS;

    /** The name used in definitions. */
    public String wireName() {
      return this == OAUTH2_AUTHORIZATION_CODE ? "oauth2-authorization-code" : "oauth2-client-credentials";
    }
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
