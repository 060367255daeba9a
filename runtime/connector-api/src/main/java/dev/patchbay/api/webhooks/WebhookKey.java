package dev.patchbay.api.webhooks;

/**
 * The webhook secret token, usable but not readable: plugins never see secrets, so the host keeps the token and
 * computes MACs with it on the plugin's behalf.
 */
public interface WebhookKey {

  /** HMAC-SHA256 of {@code message} keyed with the connector's webhook secret token. */
  byte[] hmacSha256(byte[] message);
}
