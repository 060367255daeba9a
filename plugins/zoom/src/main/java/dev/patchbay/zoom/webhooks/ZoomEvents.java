package dev.patchbay.zoom.webhooks;

import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.api.webhooks.WebhookEvents;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * Zoom's event envelope: {@code {event, event_ts (ms), payload: {account_id, object}}} (recording events add
 * {@code download_token}). Zoom's retries resend the same body, possibly signed at another time, so the delivery
 * key is the event, its time and a digest of its payload: what stays the same across retries of one event.
 */
public final class ZoomEvents implements WebhookEvents {

  @Override
  public WebhookEvent read(JsonNode body) throws WebhookRejectedException {
    JsonNode event = body.path("event");
    if (!event.isString() || event.stringValue().isBlank()) {
      throw new WebhookRejectedException("a Zoom event needs 'event', the event's name as a string");
    }
    JsonNode eventTs = body.path("event_ts");
    if (!eventTs.isIntegralNumber() || !eventTs.canConvertToLong() || eventTs.longValue() < 0) {
      throw new WebhookRejectedException("a Zoom event needs 'event_ts', the event's time in Unix milliseconds");
    }
    JsonNode payload = body.path("payload");
    if (!payload.isObject()) {
      throw new WebhookRejectedException("a Zoom event needs 'payload', a JSON object");
    }
    JsonNode accountId = payload.path("account_id");
    if (!accountId.isString() || accountId.stringValue().isBlank()) {
      throw new WebhookRejectedException("a Zoom event needs 'payload.account_id', the Zoom account's id");
    }
    String key = event.stringValue() + ":" + eventTs.longValue() + ":" + sha256(payload.toString());
    return new WebhookEvent(event.stringValue(), accountId.stringValue(), key,
        Instant.ofEpochMilli(eventTs.longValue()), body);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JVM", e);
    }
  }
}
