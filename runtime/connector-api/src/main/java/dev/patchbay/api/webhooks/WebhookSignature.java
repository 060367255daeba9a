package dev.patchbay.api.webhooks;

import java.time.Instant;

/** How the provider signs a delivery. */
@FunctionalInterface
public interface WebhookSignature {

  /** A delivery whose signature verified: when the provider signed it, and the signature itself. */
  record Verified(Instant signedAt, String signature) {}

  /**
   * Verifies the delivery's signature over its raw body, comparing in constant time. The host then refuses a
   * {@code signedAt} outside its window and drops a signature it has seen within it (a replay).
   *
   * @throws WebhookRejectedException a signature or timestamp header is missing or malformed, or the signature
   *     does not match
   */
  Verified verify(WebhookRequest request, WebhookKey key) throws WebhookRejectedException;
}
