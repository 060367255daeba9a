package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.time.Instant;
import java.util.Set;

/**
 * A successful token endpoint answer (RFC 6749 §5.1).
 *
 * @param refreshToken null when the provider sent none (keep the old one, or none for client credentials)
 * @param scopes the granted scopes from {@code scope}, or empty when the provider did not say
 * @param apiUrl the provider's regional API host (Zoom's {@code api_url}), or null
 * @param expiresAt computed from the local time the response arrived, never from the provider's clock; null when
 *     the provider gave no {@code expires_in}: the token lasts until revoked
 */
public record TokenResponse(
    Secret accessToken, Instant expiresAt, Secret refreshToken, Set<String> scopes, String apiUrl) {

  public TokenResponse {
    scopes = Set.copyOf(scopes);
  }
}
