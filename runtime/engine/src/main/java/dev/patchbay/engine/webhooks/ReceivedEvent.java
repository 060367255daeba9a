package dev.patchbay.engine.webhooks;

import dev.patchbay.api.webhooks.WebhookEvent;
import java.time.Instant;

/**
 * A verified event taken into the queue.
 *
 * @param id the inbox's id of it, as {@code GET /api/webhooks/events} shows it
 */
public record ReceivedEvent(String id, String connectorId, WebhookEvent event, Instant receivedAt) {}
