package dev.patchbay.api.webhooks;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** How the provider checks that the endpoint is the app's (Zoom's {@code endpoint.url_validation}). */
@FunctionalInterface
public interface WebhookChallenge {

  /**
   * The JSON to answer a verified delivery with when it is the provider's check of the endpoint, or empty when it
   * is an ordinary event.
   *
   * @throws WebhookRejectedException it is a check, but malformed
   */
  Optional<JsonNode> answer(JsonNode body, WebhookKey key) throws WebhookRejectedException;
}
