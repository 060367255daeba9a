package dev.patchbay.engine.connections;

import dev.patchbay.engine.secrets.Secret;
import java.time.Instant;

/**
 * The secrets of a connection. Only the encrypted store and the token code ever hold one.
 *
 * @param clientSecret the user's own client secret (bring-your-own app, server-to-server), or null when the client
 *     is the operator's
 * @param accessToken the current access token
 * @param accessTokenExpiresAt when it expires, computed from the local time the token response arrived
 * @param refreshToken the current refresh token, or null (server-to-server has none)
 * @param generation incremented on every change of tokens, so a stale copy is recognised
 */
public record Credentials(
    Secret clientSecret, Secret accessToken, Instant accessTokenExpiresAt, Secret refreshToken, long generation) {

  /** The same credentials after a token response: a missing refresh token keeps the old one. */
  public Credentials rotated(Secret newAccessToken, Instant expiresAt, Secret newRefreshToken) {
    return new Credentials(clientSecret, newAccessToken, expiresAt,
        newRefreshToken != null ? newRefreshToken : refreshToken, generation + 1);
  }
}
