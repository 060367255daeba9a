package dev.patchbay.engine.webhooks;

/** Where a received event is. */
public enum EventStatus {
  /** Waiting in the queue. */
  QUEUED,
  /** Being handled. */
  PROCESSING,
  /** Handled: the runs it started are listed. */
  PROCESSED,
  /** Nothing runs on this event. */
  NO_TRIGGER,
  /** Triggers run on it, but no connection acts in the event's account. */
  NO_CONNECTION,
  /** Handling it failed; the reason says why. */
  FAILED,
  /** The server stopped before it was handled. */
  NOT_PROCESSED
}
