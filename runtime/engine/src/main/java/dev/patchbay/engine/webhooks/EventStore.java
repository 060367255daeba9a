package dev.patchbay.engine.webhooks;

import dev.patchbay.engine.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the inbox keeps the events it acknowledged until a worker processes them, the keys that make a replay or a
 * retry count once, and what became of each event. {@link MemoryEventStore} keeps them in this process (the embedded
 * default); a shared store's keeps them in its database, so every replica sees every event, each is processed once,
 * and an event acknowledged by a replica that dies is processed by another.
 */
public interface EventStore {

  /** Processes one event on the store's workers; what it returns is recorded on the event. */
  @FunctionalInterface
  interface Processor {
    EventOutcome process(ReceivedEvent event);
  }

  /**
   * Keeps {@code event} for processing, durably before this returns, unless {@code signature} was taken within
   * {@link WebhookSettings#signaturesKept()} or {@code deliveryKey} within {@link WebhookSettings#deliveriesKept()}.
   *
   * @return empty when kept; else the id of the event taken with either key, whose retries are counted
   * @throws DeliveryRefusedException too many events wait ({@code BUSY}), or the store cannot be written ({@code
   *     UNAVAILABLE}); nothing was kept, so the provider's next delivery is taken
   */
  Optional<String> admit(ReceivedEvent event, String signature, String deliveryKey) throws DeliveryRefusedException;

  /** Starts handing the events kept (by any process sharing the store) to {@code processor}. Called once. */
  void start(Processor processor);

  /** The most recent events, newest first. */
  List<EventRecord> events() throws StoreException;

  Optional<EventRecord> event(String id) throws StoreException;

  /**
   * Takes no more events and gives those being processed {@code grace} to finish, then interrupts the rest.
   *
   * @return the events acknowledged that no process will handle now, recorded {@code NOT_PROCESSED}; a shared store
   *     leaves unstarted events to the other replicas and returns none
   */
  List<ReceivedEvent> stop(Duration grace) throws InterruptedException;
}
