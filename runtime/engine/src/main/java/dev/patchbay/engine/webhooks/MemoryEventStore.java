package dev.patchbay.engine.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Events in this process: a bounded queue for the workers, the seen keys and the log of recent events in memory.
 * An event acknowledged but not yet processed is lost with the process; a shared store's events are not.
 */
public final class MemoryEventStore implements EventStore {

  /** Events kept for {@code GET /api/webhooks/events}. */
  static final int LOGGED_EVENTS = 1000;

  private final WebhookSettings settings;
  private final SeenKeys signatures;
  private final SeenKeys deliveries;
  private final EventLog log = new EventLog(LOGGED_EVENTS);
  private EventQueue queue;

  public MemoryEventStore(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.signatures = new SeenKeys(settings.remembered(), settings.signaturesKept(), clock);
    this.deliveries = new SeenKeys(settings.remembered(), settings.deliveriesKept(), clock);
  }

  /** Checks for a replay or retry, queues, and remembers the keys as one step, so copies racing in count once. */
  @Override
  public synchronized Optional<String> admit(ReceivedEvent event, String signature, String deliveryKey)
      throws DeliveryRefusedException {
    Optional<String> taken = signatures.eventOf(signature).or(() -> deliveries.eventOf(deliveryKey));
    if (taken.isPresent()) {
      log.update(taken.get(), EventRecord::retried);
      return taken;
    }
    log.add(EventRecord.queued(event));
    if (!queue.offer(event)) {
      log.remove(event.id());
      throw DeliveryRefusedException.busy();
    }
    // Remembered only once queued: a refused delivery must be taken when the provider sends it again.
    signatures.add(signature, event.id());
    deliveries.add(deliveryKey, event.id());
    return Optional.empty();
  }

  @Override
  public synchronized void start(Processor processor) {
    queue = new EventQueue(settings.queueCapacity(), settings.workers(), event -> {
      log.update(event.id(), record -> record.with(EventStatus.PROCESSING, null, List.of()));
      EventOutcome outcome = processor.process(event);
      log.update(event.id(), record -> record.with(outcome.status(), outcome.reason(), outcome.runIds()));
    });
  }

  @Override
  public List<EventRecord> events() {
    return log.list();
  }

  @Override
  public Optional<EventRecord> event(String id) {
    return log.get(id);
  }

  @Override
  public List<ReceivedEvent> stop(Duration grace) throws InterruptedException {
    List<ReceivedEvent> unstarted = queue.stop(grace);
    for (ReceivedEvent event : unstarted) {
      log.update(event.id(), record -> record.with(EventStatus.NOT_PROCESSED, "the server stopped before the event "
          + "was processed", List.of()));
    }
    return unstarted;
  }
}
