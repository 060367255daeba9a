package dev.patchbay.engine.webhooks;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.engine.activities.ActivityRunner;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.webhooks.DeliveryRefusedException.Reason;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives webhook deliveries for every connector the same way (RELIABILITY R25, R26): the connector's code
 * verifies the signature over the raw body and reads the event; the inbox refuses a signing time outside the
 * window, answers the provider's check of the endpoint, drops a signature or an event it took within the window (a
 * replay, a retry), and queues the rest for its workers, so the provider hears back at once however long the
 * handling takes. A full queue refuses, so the provider delivers again later. Every event taken is recorded with
 * what became of it.
 */
public final class WebhookInbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);
  /** Verifying is a few microseconds of hashing; Zoom waits 3 seconds for the whole answer. */
  static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(2);
  /** Events kept for {@code GET /api/webhooks/events}. */
  static final int LOGGED_EVENTS = 1000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  /** Where the inbox reads a connector's secret token. */
  @FunctionalInterface
  public interface SecretTokens {
    Optional<Secret> get(String connectorId) throws ConnectorException, StoreException;
  }

  private final ActivityRunner runner;
  private final SecretTokens tokens;
  private final EventHandler handler;
  private final Clock clock;
  private final DeliveryReader reader;
  private final SeenKeys signatures;
  private final SeenKeys deliveries;
  private final EventLog log = new EventLog(LOGGED_EVENTS);
  private final EventQueue queue;
  private final SecureRandom random = new SecureRandom();

  public WebhookInbox(ActivityRunner runner, SecretTokens tokens, EventHandler handler, WebhookSettings settings,
      Clock clock) {
    this.runner = runner;
    this.tokens = tokens;
    this.handler = handler;
    this.clock = clock;
    this.reader = new DeliveryReader(settings);
    this.signatures = new SeenKeys(settings.remembered(), settings.signaturesKept(), clock);
    this.deliveries = new SeenKeys(settings.remembered(), settings.deliveriesKept(), clock);
    this.queue = new EventQueue(settings.queueCapacity(), settings.workers(), this::process);
  }

  /**
   * Takes one delivery for a connector.
   *
   * @throws DeliveryRefusedException nothing listens for this connector, the delivery did not verify, it is not
   *     an event of the provider's, the queue is full, or the secret token cannot be read
   * @throws ConnectorException the connector's code failed ({@code PLUGIN_ERROR}, {@code TIMEOUT})
   */
  public Receipt receive(String connectorId, WebhookRequest request) throws ConnectorException {
    Optional<Secret> token;
    try {
      token = tokens.get(connectorId);
    } catch (StoreException | ConnectorException e) {
      // The reason names this server's files and keys: it is for the operator's log, not for whoever sent this.
      LOG.warn("webhook connector={} refused: the secret token cannot be read: {}", connectorId, e.getMessage());
      throw new DeliveryRefusedException(Reason.UNAVAILABLE, "this server cannot check deliveries for '"
          + connectorId + "' now; its operator will find the reason in its log. Deliver it again later.");
    }
    Reading reading = runner.callConnector(connectorId, connectorId + " webhook", PLUGIN_TIMEOUT,
            connector -> reader.read(connector, request, token, clock.instant()))
        .orElseThrow(() -> new DeliveryRefusedException(Reason.NOT_RECEIVING, "no connector '" + connectorId
            + "' is loaded"));
    // A check of the endpoint is answered every time: the answer is the same, and the provider may ask again.
    if (reading instanceof Reading.Challenge challenge) {
      return new Receipt(Receipt.Kind.CHALLENGE, null, challenge.answer());
    }
    return admit(connectorId, (Reading.Event) reading);
  }

  /** Checks for a replay or retry, queues, and remembers the delivery as one step, so copies racing in count once. */
  private synchronized Receipt admit(String connectorId, Reading.Event reading) throws DeliveryRefusedException {
    String signature = connectorId + " " + reading.signature();
    String delivery = connectorId + " " + reading.event().deliveryKey();
    Optional<String> taken = signatures.eventOf(signature).or(() -> deliveries.eventOf(delivery));
    if (taken.isPresent()) {
      log.update(taken.get(), EventRecord::retried);
      LOG.info("webhook connector={} event={} id={} status=DUPLICATE", connectorId, reading.event().type(),
          taken.get());
      return new Receipt(Receipt.Kind.DUPLICATE, taken.get(), null);
    }
    ReceivedEvent received = new ReceivedEvent(nextId(), connectorId, reading.event(), clock.instant());
    log.add(EventRecord.queued(received));
    if (!queue.offer(received)) {
      log.remove(received.id());
      LOG.warn("webhook connector={} event={} refused: the queue is full", connectorId, reading.event().type());
      throw new DeliveryRefusedException(Reason.BUSY, "the queue of events waiting to be processed is full; "
          + "deliver the event again later");
    }
    // Remembered only once queued: a refused delivery must be taken when the provider sends it again.
    signatures.add(signature, received.id());
    deliveries.add(delivery, received.id());
    LOG.info("webhook connector={} event={} id={} status=QUEUED", connectorId, reading.event().type(),
        received.id());
    return new Receipt(Receipt.Kind.QUEUED, received.id(), null);
  }

  private void process(ReceivedEvent event) {
    log.update(event.id(), record -> record.with(EventStatus.PROCESSING, null, List.of()));
    EventOutcome outcome;
    try {
      outcome = handler.handle(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = EventOutcome.of(EventStatus.NOT_PROCESSED, "the server stopped while the event was processed");
    } catch (RuntimeException e) {
      LOG.warn("webhook event {} failed", event.id(), e);
      outcome = EventOutcome.of(EventStatus.FAILED, "processing failed: " + e.getMessage());
    }
    EventOutcome result = outcome;
    log.update(event.id(), record -> record.with(result.status(), result.reason(), result.runIds()));
    LOG.info("webhook connector={} event={} id={} status={}{}", event.connectorId(), event.event().type(),
        event.id(), result.status(), result.reason() == null ? "" : " reason=\"" + result.reason() + "\"");
  }

  /** The most recent events, newest first. */
  public List<EventRecord> events() {
    return log.list();
  }

  public Optional<EventRecord> event(String id) {
    return log.get(id);
  }

  /**
   * Takes no more deliveries, gives queued and running events {@code grace} to finish, then interrupts the rest;
   * the events that never started are recorded {@code NOT_PROCESSED}.
   *
   * @return how many events were not processed
   */
  public int stop(Duration grace) throws InterruptedException {
    List<ReceivedEvent> unstarted = queue.stop(grace);
    for (ReceivedEvent event : unstarted) {
      log.update(event.id(), record -> record.with(EventStatus.NOT_PROCESSED, "the server stopped before the event "
          + "was processed", List.of()));
      LOG.warn("webhook connector={} event={} id={} status=NOT_PROCESSED: the server stopped first",
          event.connectorId(), event.event().type(), event.id());
    }
    return unstarted.size();
  }

  @Override
  public void close() {
    try {
      stop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String nextId() {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }
}
