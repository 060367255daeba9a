package dev.patchbay.zoom.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** HTTP Basic client authentication of the token and revoke endpoints. */
final class ClientAuthentication {

  private ClientAuthentication() {}

  /** The app whose client_id and client_secret the Basic header carries, or 401 invalid_client. */
  static SandboxApp authenticate(Request request) {
    String header = request.header("Authorization");
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      try {
        String credentials = new String(Base64.getDecoder().decode(header.substring(6).strip()),
            StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        if (colon > 0) {
          String secret = credentials.substring(colon + 1);
          SandboxApp app = SandboxApp.byClientId(credentials.substring(0, colon)).orElse(null);
          if (app != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
              app.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            return app;
          }
        }
      } catch (IllegalArgumentException e) {
        // not Base64: the same answer as wrong credentials
      }
    }
    throw ApiError.oauth(401, "invalid_client", "Invalid client_id or client_secret");
  }
}
