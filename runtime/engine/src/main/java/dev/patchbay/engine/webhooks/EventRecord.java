package dev.patchbay.engine.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One received event as {@code GET /api/webhooks/events} shows it; the event's body is not kept here (it goes to
 * the runs it starts, whose records redact secrets).
 *
 * @param retries deliveries of the same event after the first, dropped unprocessed
 */
public record EventRecord(String id, String connectorId, String type, String accountId, Instant occurredAt,
    Instant receivedAt, EventStatus status, String reason, List<String> runIds, int retries) {

  public EventRecord {
    runIds = List.copyOf(runIds);
  }

  static EventRecord queued(ReceivedEvent received) {
    return new EventRecord(received.id(), received.connectorId(), received.event().type(),
        received.event().accountId(), received.event().occurredAt(), received.receivedAt(), EventStatus.QUEUED, null,
        List.of(), 0);
  }

  EventRecord with(EventStatus newStatus, String newReason, List<String> newRunIds) {
    return new EventRecord(id, connectorId, type, accountId, occurredAt, receivedAt, newStatus, newReason, newRunIds,
        retries);
  }

  EventRecord retried() {
    return new EventRecord(id, connectorId, type, accountId, occurredAt, receivedAt, status, reason, runIds,
        retries + 1);
  }
}
