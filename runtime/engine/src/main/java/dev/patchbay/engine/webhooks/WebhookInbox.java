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
 * replay, a retry), and keeps the rest in its {@link EventStore} for the workers, so the provider hears back at once
 * however long the handling takes. A full queue refuses, so the provider delivers again later. Every event taken is
 * recorded with what became of it.
 */
public final class WebhookInbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);
  /** Verifying is a few microseconds of hashing; Zoom waits 3 seconds for the whole answer. */
  static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(2);
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
  private final EventStore store;
  private final SecureRandom random = new SecureRandom();

  /** An inbox keeping its events in this process's memory. */
  public WebhookInbox(ActivityRunner runner, SecretTokens tokens, EventHandler handler, WebhookSettings settings,
      Clock clock) {
    this(runner, tokens, handler, settings, clock, new MemoryEventStore(settings, clock));
  }

  /** An inbox keeping its events in {@code store}, whose workers it starts. */
  public WebhookInbox(ActivityRunner runner, SecretTokens tokens, EventHandler handler, WebhookSettings settings,
      Clock clock, EventStore store) {
    this.runner = runner;
    this.tokens = tokens;
    this.handler = handler;
    this.clock = clock;
    this.reader = new DeliveryReader(settings);
    this.store = store;
    store.start(this::process);
  }

  /**
   * Takes one delivery for a connector.
   *
   * @throws DeliveryRefusedException nothing listens for this connector, the delivery did not verify, it is not
   *     an event of the provider's, the queue is full, or the secret token or the event store cannot be used
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

  private Receipt admit(String connectorId, Reading.Event reading) throws DeliveryRefusedException {
    ReceivedEvent received = new ReceivedEvent(nextId(), connectorId, reading.event(), clock.instant());
    Optional<String> taken;
    try {
      taken = store.admit(received, connectorId + " " + reading.signature(),
          connectorId + " " + reading.event().deliveryKey());
    } catch (DeliveryRefusedException e) {
      LOG.warn("webhook connector={} event={} refused: {}", connectorId, reading.event().type(),
          e.reason() == Reason.BUSY ? "the queue is full" : "the event store cannot keep it");
      throw e;
    }
    if (taken.isPresent()) {
      LOG.info("webhook connector={} event={} id={} status=DUPLICATE", connectorId, reading.event().type(),
          taken.get());
      return new Receipt(Receipt.Kind.DUPLICATE, taken.get(), null);
    }
    LOG.info("webhook connector={} event={} id={} status=QUEUED", connectorId, reading.event().type(),
        received.id());
    return new Receipt(Receipt.Kind.QUEUED, received.id(), null);
  }

  private EventOutcome process(ReceivedEvent event) {
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
    LOG.info("webhook connector={} event={} id={} status={}{}", event.connectorId(), event.event().type(),
        event.id(), outcome.status(), outcome.reason() == null ? "" : " reason=\"" + outcome.reason() + "\"");
    return outcome;
  }

  /** The most recent events, newest first. */
  public List<EventRecord> events() throws StoreException {
    return store.events();
  }

  public Optional<EventRecord> event(String id) throws StoreException {
    return store.event(id);
  }

  /**
   * Takes no more deliveries, gives running events {@code grace} to finish (and, in memory, queued ones), then
   * interrupts the rest; the events no process will handle now are recorded {@code NOT_PROCESSED}.
   *
   * @return how many events were not processed
   */
  public int stop(Duration grace) throws InterruptedException {
    List<ReceivedEvent> unstarted = store.stop(grace);
    for (ReceivedEvent event : unstarted) {
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
