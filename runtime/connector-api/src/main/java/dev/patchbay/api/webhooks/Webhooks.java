package dev.patchbay.api.webhooks;

import java.util.Objects;

/**
 * What a connector knows about its provider's webhooks, one concern each, so the host's route and queue stay the
 * same for every provider: how a delivery is signed, how the provider checks the endpoint, and what an event is.
 */
public record Webhooks(WebhookSignature signature, WebhookChallenge challenge, WebhookEvents events) {

  public Webhooks {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(events, "events");
  }
}
