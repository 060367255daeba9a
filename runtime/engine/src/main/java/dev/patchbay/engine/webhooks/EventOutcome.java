package dev.patchbay.engine.webhooks;

import java.util.List;
import java.util.Objects;

/**
 * What handling an event came to.
 *
 * @param reason why, in words, when nothing ran or something failed; null when runs started as meant
 * @param runIds the workflow runs it started
 */
public record EventOutcome(EventStatus status, String reason, List<String> runIds) {

  public EventOutcome {
    Objects.requireNonNull(status, "status");
    runIds = List.copyOf(runIds);
  }

  public static EventOutcome of(EventStatus status, String reason) {
    return new EventOutcome(status, reason, List.of());
  }
}
