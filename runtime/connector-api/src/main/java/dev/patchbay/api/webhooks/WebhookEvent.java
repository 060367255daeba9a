package dev.patchbay.api.webhooks;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One provider event.
 *
 * @param type the provider's event name ({@code recording.completed})
 * @param accountId the provider account the event happened in; the connection acting in that account handles it
 * @param deliveryKey the same for every delivery of this event (the provider's retries), different for any other
 *     event; the host processes each key once
 * @param occurredAt when the event happened, by the provider's clock
 * @param body the whole event as the provider sent it
 */
public record WebhookEvent(String type, String accountId, String deliveryKey, Instant occurredAt, JsonNode body) {

  public WebhookEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(body, "body");
  }
}
