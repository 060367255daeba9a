package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a stored connection is encrypted as, by every store. Secrets are revealed here and nowhere else on the
 * way to the store.
 */
public final class ConnectionCodec {

  private ConnectionCodec() {}

  public static byte[] encode(StoredConnection stored) {
    Connection c = stored.connection();
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", c.id());
    node.put("name", c.name());
    node.put("connectorId", c.connectorId());
    node.put("authTypeId", c.authTypeId());
    node.putPOJO("grantedScopes", new TreeSet<>(c.grantedScopes()));
    if (c.identity() != null) {
      ObjectNode identity = node.putObject("identity");
      identity.put("accountId", c.identity().accountId());
      identity.put("userId", c.identity().userId());
      identity.put("displayName", c.identity().displayName());
      identity.put("email", c.identity().email());
    }
    node.put("baseUrl", c.baseUrl());
    node.put("authorizeUrl", c.authorizeUrl());
    node.put("tokenUrl", c.tokenUrl());
    node.put("revokeUrl", c.revokeUrl());
    node.putPOJO("publicFields", new java.util.TreeMap<>(c.publicFields()));
    node.put("status", c.status().name());
    node.put("statusReason", c.statusReason());
    node.put("createdAt", c.createdAt().toString());
    node.put("refreshedAt", c.refreshedAt() == null ? null : c.refreshedAt().toString());
    if (!c.rateLimits().isEmpty()) {
      ObjectNode limits = node.putObject("rateLimits");
      new java.util.TreeMap<>(c.rateLimits()).forEach((category, limit) -> limits.put(category, limit.text()));
    }
    Credentials k = stored.credentials();
    ObjectNode secrets = node.putObject("credentials");
    secrets.put("clientSecret", reveal(k.clientSecret()));
    secrets.put("accessToken", reveal(k.accessToken()));
    secrets.put("accessTokenExpiresAt", k.accessTokenExpiresAt() == null ? null : k.accessTokenExpiresAt().toString());
    secrets.put("refreshToken", reveal(k.refreshToken()));
    secrets.put("generation", k.generation());
    return Json.MAPPER.writeValueAsBytes(node);
  }

  /** Throws a JacksonException, IllegalArgumentException or NullPointerException for bytes that are no connection. */
  public static StoredConnection decode(byte[] bytes) {
    JsonNode node = Json.MAPPER.readTree(bytes);
    TreeSet<String> scopes = new TreeSet<>();
    node.path("grantedScopes").forEach(scope -> scopes.add(scope.asString()));
    Map<String, String> publicFields = new LinkedHashMap<>();
    node.path("publicFields").properties().forEach(e -> publicFields.put(e.getKey(), e.getValue().asString()));
    JsonNode identity = node.path("identity");
    Connection connection = new Connection(
        node.path("id").asString(),
        node.path("name").asString(),
        node.path("connectorId").asString(),
        node.path("authTypeId").asString(),
        scopes,
        identity.isObject() ? new ConnectionIdentity(text(identity, "accountId"), text(identity, "userId"),
            text(identity, "displayName"), text(identity, "email")) : null,
        text(node, "baseUrl"),
        text(node, "authorizeUrl"),
        text(node, "tokenUrl"),
        text(node, "revokeUrl"),
        publicFields,
        ConnectionStatus.valueOf(node.path("status").asString()),
        text(node, "statusReason"),
        Instant.parse(node.path("createdAt").asString()),
        instant(node, "refreshedAt"),
        rateLimits(node.path("rateLimits")));
    JsonNode k = node.path("credentials");
    Credentials credentials = new Credentials(secret(k, "clientSecret"), secret(k, "accessToken"),
        instant(k, "accessTokenExpiresAt"), secret(k, "refreshToken"), k.path("generation").asLong());
    return new StoredConnection(connection, credentials);
  }

  /** A connection stored before limits existed has none of its own. */
  private static Map<String, RateLimit> rateLimits(JsonNode limits) {
    Map<String, RateLimit> byCategory = new LinkedHashMap<>();
    limits.properties().forEach(e -> byCategory.put(e.getKey(), RateLimit.parse(e.getValue().asString())));
    return byCategory;
  }

  private static String reveal(Secret secret) {
    return secret == null ? null : secret.reveal();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.asString() : null;
  }

  private static Secret secret(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : Secret.of(value);
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : Instant.parse(value);
  }
}
