package dev.patchbay.engine.webhooks;

import dev.patchbay.api.Connector;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.api.webhooks.WebhookKey;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.api.webhooks.WebhookSignature;
import dev.patchbay.api.webhooks.Webhooks;
import dev.patchbay.engine.json.EmbeddedObjects;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.DeliveryRefusedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Reads one delivery with the connector's webhook code, in this order: the signature over the raw bytes, its time
 * against the window, then the body, which is parsed only once it is known to be the provider's; then the
 * provider's check of the endpoint, else the event. Runs on the plugin's worker, like all plugin code.
 */
final class DeliveryReader {

  private final WebhookSettings settings;

  DeliveryReader(WebhookSettings settings) {
    this.settings = settings;
  }

  Reading read(Connector connector, WebhookRequest request, Optional<Secret> token, Instant now)
      throws ConnectorException {
    String connectorId = connector.id();
    Webhooks webhooks = connector.webhooks().orElseThrow(() -> new DeliveryRefusedException(Reason.NOT_RECEIVING,
        "connector '" + connectorId + "' receives no webhooks"));
    if (token.isEmpty()) {
      throw new DeliveryRefusedException(Reason.NOT_RECEIVING, "no webhook secret token is set for '" + connectorId
          + "'; the operator sets it with: patchbay webhooks secret " + connectorId);
    }
    WebhookKey key = new HmacKey(token.get());
    WebhookSignature.Verified verified;
    try {
      verified = webhooks.signature().verify(request, key);
    } catch (WebhookRejectedException e) {
      throw new DeliveryRefusedException(Reason.UNAUTHENTICATED, e.getMessage());
    }
    checkTime(verified.signedAt(), now);
    JsonNode body = parse(request.body());
    try {
      Optional<JsonNode> answer = webhooks.challenge().answer(body, key);
      if (answer.isPresent()) {
        return new Reading.Challenge(jsonOnly(answer.get(), "its answer to the endpoint check"));
      }
      WebhookEvent event = webhooks.events().read(body);
      jsonOnly(event.body(), "the event it read");
      return new Reading.Event(verified.signature(), event);
    } catch (WebhookRejectedException e) {
      throw new DeliveryRefusedException(Reason.MALFORMED, e.getMessage());
    }
  }

  /** The host serialises what the plugin hands it, so it must be JSON only (see {@link EmbeddedObjects}). */
  private static JsonNode jsonOnly(JsonNode tree, String what) throws ConnectorException {
    Optional<String> embedded = EmbeddedObjects.first(tree);
    if (embedded.isPresent()) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "The connector's webhook code put a Java object into "
          + what + " (" + embedded.get() + "); only JSON values may be handed to the host. Report this to the "
          + "plugin's author.");
    }
    return tree;
  }

  private void checkTime(Instant signedAt, Instant now) throws DeliveryRefusedException {
    if (signedAt.isBefore(now.minus(settings.window()))) {
      throw new DeliveryRefusedException(Reason.UNAUTHENTICATED, "the delivery was signed at " + signedAt
          + ", more than " + minutes(settings.window()) + " ago: an old delivery sent again, or one held up on the "
          + "way");
    }
    if (signedAt.isAfter(now.plus(settings.futureSkew()))) {
      throw new DeliveryRefusedException(Reason.UNAUTHENTICATED, "the delivery says it was signed at " + signedAt
          + ", more than " + minutes(settings.futureSkew()) + " from now: its timestamp is forged, or a clock is "
          + "wrong");
    }
  }

  private static String minutes(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : duration.toSeconds() + " seconds";
  }

  private static JsonNode parse(byte[] bytes) throws DeliveryRefusedException {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      throw new DeliveryRefusedException(Reason.MALFORMED, "the body is not valid JSON at line "
          + (location == null ? 0 : location.getLineNr()) + ", column " + (location == null ? 0
          : location.getColumnNr()));
    }
    if (body == null || !body.isObject()) {
      throw new DeliveryRefusedException(Reason.MALFORMED, "the body must be a JSON object");
    }
    return body;
  }
}
