package dev.patchbay.engine.webhooks;

import dev.patchbay.api.webhooks.WebhookKey;
import dev.patchbay.engine.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A connector's webhook secret token as the plugin gets it: a MAC function, never the token. */
final class HmacKey implements WebhookKey {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  HmacKey(Secret token) {
    this.key = new SecretKeySpec(token.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  @Override
  public byte[] hmacSha256(byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[secret]";
  }
}
