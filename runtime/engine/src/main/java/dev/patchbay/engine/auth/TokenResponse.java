package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A successful token endpoint answer (RFC 6749 §5.1).
 *
 * @param refreshToken null when the provider sent none (keep the old one, or none for client credentials)
 * @param scopes the granted scopes from {@code scope}, or empty when the provider did not say
 * @param urlFields the answer's top-level members whose values are plain http(s) URLs, without user info or query
 *     (Zoom's {@code api_url}, Salesforce's {@code instance_url}), for an auth type's {@code baseUrlField}: such a
 *     URL names a server, never a credential
 * @param expiresAt computed from the local time the response arrived, never from the provider's clock; null when
 *     the provider gave no {@code expires_in}: the token lasts until revoked
 */
public record TokenResponse(
    Secret accessToken, Instant expiresAt, Secret refreshToken, Set<String> scopes,
    Map<String, String> urlFields) {

  public TokenResponse {
    scopes = Set.copyOf(scopes);
    urlFields = Map.copyOf(urlFields);
  }

  /** The URLs' members by name only: a path may carry what the provider meant for this connection alone. */
  @Override
  public String toString() {
    return "TokenResponse[accessToken=" + accessToken + ", expiresAt=" + expiresAt + ", refreshToken=" + refreshToken
        + ", scopes=" + scopes + ", urlFields=" + urlFields.keySet() + "]";
  }
}
