package dev.patchbay.engine.webhooks;

import dev.patchbay.api.webhooks.WebhookEvent;
import tools.jackson.databind.JsonNode;

/** A verified delivery, as the connector read it: its check of the endpoint, or an event. */
sealed interface Reading {

  /** The provider checks the endpoint; the answer goes back at once. */
  record Challenge(JsonNode answer) implements Reading {}

  /** An event, with the signature it came with. */
  record Event(String signature, WebhookEvent event) implements Reading {}
}
