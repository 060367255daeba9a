package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.auth.TokenResponse;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The credential of an auth type whose secret the user pastes (api-key, bearer-token, basic), as the token the
 * HTTP layer sends: the key or token itself, or for basic the encoded {@code username:password} (RFC 7617). A
 * bearer-token may say when it expires (the field {@code expiresAt}, an ISO-8601 instant); after that the
 * connection needs a new one. Nothing here is ever refreshed.
 */
final class PastedCredentials {

  /** The optional field of a bearer-token auth type that says when the token expires. */
  static final String EXPIRES_AT = "expiresAt";

  private PastedCredentials() {}

  /** The token answer a pasted credential stands for: no refresh token, scopes known later or never. */
  static TokenResponse of(AuthTypeDefinition authType, Map<String, String> fields, Map<String, Secret> secrets)
      throws ConnectorException {
    String secretField = authType.secretField();
    Secret secret = secrets.get(secretField);
    if (secret == null || secret.isEmpty()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, secretField + " is required");
    }
    Secret credential = secret;
    if (authType.kind() == AuthTypeDefinition.Kind.BASIC) {
      String pair = fields.getOrDefault("username", "") + ":" + secret.reveal();
      credential = Secret.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return new TokenResponse(credential, expiresAt(fields.get(EXPIRES_AT)), null, Set.of(), Map.of());
  }

  private static Instant expiresAt(String value) throws ConnectorException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, EXPIRES_AT + " must be an ISO-8601 instant such as "
          + "2027-01-31T00:00:00Z");
    }
  }
}
