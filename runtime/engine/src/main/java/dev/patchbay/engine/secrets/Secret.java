package dev.patchbay.engine.secrets;

import java.util.Objects;

/**
 * A secret value (token, client secret). Its {@link #toString()} never shows the value, so a secret that ends up
 * in a log line, an exception message or a record's string form is redacted by default. Reading it takes an
 * explicit {@link #reveal()}, which is easy to find in review.
 */
public final class Secret {

  private static final String REDACTED = "[secret]";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself: for an Authorization header, a token request body, the encrypted store. Never for display. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        secret.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
