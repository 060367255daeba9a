package dev.patchbay.zoom.webhooks;

import dev.patchbay.api.webhooks.WebhookChallenge;
import dev.patchbay.api.webhooks.WebhookKey;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zoom's check of the endpoint ({@code endpoint.url_validation}, when the URL is saved and every 72 hours): the answer
 * is {@code {plainToken, encryptedToken: HEX(HMAC-SHA256(secret token, plainToken))}}, which proves the endpoint
 * holds the app's secret token. The host asks only after the delivery's own signature verified.
 */
public final class UrlValidation implements WebhookChallenge {

  static final String EVENT = "endpoint.url_validation";

  @Override
  public Optional<JsonNode> answer(JsonNode body, WebhookKey key) throws WebhookRejectedException {
    if (!EVENT.equals(body.path("event").asString(null))) {
      return Optional.empty();
    }
    JsonNode plainToken = body.path("payload").path("plainToken");
    if (!plainToken.isString() || plainToken.stringValue().isEmpty()) {
      throw new WebhookRejectedException("an " + EVENT + " event needs payload.plainToken, a non-empty string");
    }
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("plainToken", plainToken.stringValue());
    answer.put("encryptedToken", HexFormat.of().formatHex(
        key.hmacSha256(plainToken.stringValue().getBytes(StandardCharsets.UTF_8))));
    return Optional.of(answer);
  }
}
