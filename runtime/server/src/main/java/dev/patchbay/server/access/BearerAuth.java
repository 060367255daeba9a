package dev.patchbay.server.access;

import dev.patchbay.server.http.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Lets a request through only with {@code Authorization: Bearer <API token>}. Compares digests in constant time, so
 * neither the content nor the length of the token leaks through timing; never repeats what was sent.
 */
public final class BearerAuth {

  private static final String PREFIX = "bearer ";

  private final byte[] expectedDigest;

  public BearerAuth(String token) {
    this(sha256(token));
  }

  private BearerAuth(byte[] expectedDigest) {
    this.expectedDigest = expectedDigest.clone();
  }

  /** Checks against the token whose {@link #digest} this is: replicas sharing a store know only the digest. */
  public static BearerAuth ofDigest(byte[] digest) {
    return new BearerAuth(digest);
  }

  /** The SHA-256 digest of a token, as a shared store keeps it. */
  public static byte[] digest(String token) {
    return sha256(token);
  }

  /** A before-handler: throws the 401 answer unless the request carries the token. */
  public void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw unauthorized("this API needs the header 'Authorization: Bearer <API token>'; the token is in "
          + "$PATCHBAY_HOME/server/api-token");
    }
    if (!matches(header.substring(PREFIX.length()).trim())) {
      throw unauthorized("the API token is not valid (a rotated token replaces the old one)");
    }
  }

  /** Whether {@code given} is the API token (also how the console signs in). */
  public boolean matches(String given) {
    return given != null && MessageDigest.isEqual(expectedDigest, sha256(given));
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, ApiException.UNAUTHORIZED, message, Map.of(),
        Map.of("WWW-Authenticate", "Bearer realm=\"patchbay\""));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
