package dev.patchbay.engine.webhooks;

import tools.jackson.databind.JsonNode;

/**
 * What the inbox did with a delivery, for the answer to the provider.
 *
 * @param eventId the event's id; null for a challenge
 * @param answer the challenge's answer; null for an event
 */
public record Receipt(Kind kind, String eventId, JsonNode answer) {

  /** What the delivery was. */
  public enum Kind {
    /** The provider's check of the endpoint, answered. */
    CHALLENGE,
    /** A new event, queued. */
    QUEUED,
    /** A delivery of an event taken already (a retry, a replay): acknowledged, not processed again. */
    DUPLICATE
  }
}
