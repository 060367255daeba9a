package dev.patchbay.api.webhooks;

import tools.jackson.databind.JsonNode;

/** What one of the provider's events is. */
@FunctionalInterface
public interface WebhookEvents {

  /**
   * Reads a verified delivery that is not a challenge.
   *
   * @throws WebhookRejectedException the body is not an event of the provider's shape
   */
  WebhookEvent read(JsonNode body) throws WebhookRejectedException;
}
