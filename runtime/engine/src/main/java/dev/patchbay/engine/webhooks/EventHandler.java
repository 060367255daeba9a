package dev.patchbay.engine.webhooks;

/** Consumes events from the inbox's queue, on its workers, one event per call. */
@FunctionalInterface
public interface EventHandler {

  /** Handles one event; what it came to is recorded on the event. */
  EventOutcome handle(ReceivedEvent event) throws InterruptedException;
}
