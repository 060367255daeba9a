package dev.patchbay.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636) with the S256 method. */
public record Pkce(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh verifier: 32 random bytes, base64url without padding (43 characters of the unreserved set). */
  public static Pkce create() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  public static Pkce of(String verifier) {
    return new Pkce(verifier, challengeOf(verifier));
  }

  /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
  static String challengeOf(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "Pkce[S256]";
  }
}
