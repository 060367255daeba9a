package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.secrets.Secret;

/**
 * What is sent for a credential ({@link CredentialPlacement#value}), built once per token and kept by the token's
 * identity (its value is not compared): a process mostly sends the same token again and again until it is refreshed,
 * and building {@code "Bearer "} and a token of 800 characters again for every request costs more than the
 * request's other headers together. One per runner.
 */
final class CredentialValues {

  /** The last value built. */
  private volatile SentValue last;

  private record SentValue(CredentialPlacement placement, Secret credential, String value) {
    @Override
    public String toString() {
      return "SentValue[" + placement + ", (redacted)]";
    }
  }

  String of(CredentialPlacement placement, Secret credential) {
    SentValue known = last;
    if (known == null || known.credential() != credential || !known.placement().equals(placement)) {
      known = new SentValue(placement, credential, placement.value(credential));
      last = known;
    }
    return known.value();
  }
}
