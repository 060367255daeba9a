package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a user created once ("Connect to Zoom") and every activity then uses, without its secrets: those stay in
 * the encrypted store and reach the wire only through {@link dev.patchbay.engine.auth.AccessTokens}.
 *
 * @param id stable id, also the store file name and the encryption's associated data
 * @param name the user's name for it, unique
 * @param grantedScopes the scopes the provider granted (its token response's {@code scope})
 * @param identity who it acts as, read from the provider right after connecting
 * @param baseUrl the API base URL to use: an override, the provider's regional cluster, or the definition's
 * @param authorizeUrl the authorization endpoint, when the auth type has one
 * @param tokenUrl the token endpoint
 * @param revokeUrl the revocation endpoint, or null when the provider has none
 * @param publicFields the non-secret fields the user entered (a client ID, an account ID)
 * @param statusReason why it needs reauthorization, in words; null when active
 * @param refreshedAt when its access token was last obtained
 * @param rateLimits per rate-limit category, the limit this connection keeps to instead of the connector's (an
 *     account on a higher plan has higher limits); empty for the connector's
 */
public record Connection(
    String id,
    String name,
    String connectorId,
    String authTypeId,
    Set<String> grantedScopes,
    ConnectionIdentity identity,
    String baseUrl,
    String authorizeUrl,
    String tokenUrl,
    String revokeUrl,
    Map<String, String> publicFields,
    ConnectionStatus status,
    String statusReason,
    Instant createdAt,
    Instant refreshedAt,
    Map<String, RateLimit> rateLimits) {

  public Connection {
    grantedScopes = Set.copyOf(grantedScopes);
    publicFields = Map.copyOf(publicFields);
    rateLimits = Map.copyOf(rateLimits);
  }

  /** A connection that keeps to its connector's rate limits. */
  public Connection(String id, String name, String connectorId, String authTypeId, Set<String> grantedScopes,
      ConnectionIdentity identity, String baseUrl, String authorizeUrl, String tokenUrl, String revokeUrl,
      Map<String, String> publicFields, ConnectionStatus status, String statusReason, Instant createdAt,
      Instant refreshedAt) {
    this(id, name, connectorId, authTypeId, grantedScopes, identity, baseUrl, authorizeUrl, tokenUrl, revokeUrl,
        publicFields, status, statusReason, createdAt, refreshedAt, Map.of());
  }

  public Connection withStatus(ConnectionStatus newStatus, String reason) {
    return new Connection(id, name, connectorId, authTypeId, grantedScopes, identity, baseUrl, authorizeUrl, tokenUrl,
        revokeUrl, publicFields, newStatus, reason, createdAt, refreshedAt, rateLimits);
  }

  /** With these limits instead of its own (empty: the connector's). */
  public Connection withRateLimits(Map<String, RateLimit> limits) {
    return new Connection(id, name, connectorId, authTypeId, grantedScopes, identity, baseUrl, authorizeUrl, tokenUrl,
        revokeUrl, publicFields, status, statusReason, createdAt, refreshedAt, limits);
  }

  /** After new tokens: active again, with the scopes the provider now reports (unchanged when it reports none). */
  public Connection refreshed(Set<String> scopes, Instant at) {
    return new Connection(id, name, connectorId, authTypeId, scopes.isEmpty() ? grantedScopes : scopes, identity,
        baseUrl, authorizeUrl, tokenUrl, revokeUrl, publicFields, ConnectionStatus.ACTIVE, null, createdAt, at,
        rateLimits);
  }
}
