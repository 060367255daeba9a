package dev.patchbay.zoom.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 code-verifier checks. */
final class Pkce {

  /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private Pkce() {}

  static boolean matches(String challenge, String method, String verifier) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return false;
    }
    String expected = "S256".equals(method) ? s256(verifier) : verifier;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }

  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
