package dev.patchbay.store.postgres;

import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.webhooks.DeliveryRefusedException;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventRecord;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.EventStore;
import dev.patchbay.engine.webhooks.ReceivedEvent;
import dev.patchbay.engine.webhooks.WebhookSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The webhook inbox's events in {@code patchbay_webhook_events}, shared by every replica. {@link #admit} writes the
 * event (its body sealed) and its keys in one transaction before the delivery is answered; the keys' primary key
 * makes two replicas receiving one delivery keep it once. Workers claim the oldest waiting event with {@code FOR
 * UPDATE SKIP LOCKED}, which also takes an event whose claim's lease ran out (its replica died), and renew the
 * leases of the events they process every third of the lease, so a slow event is not taken twice.
 *
 * <p>An event is processed once unless its replica dies while processing it: then the next claim processes it
 * again, as a retry of the provider's would have.
 */
final class PostgresEventStore implements EventStore {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
  /** Events listed by {@code GET /api/webhooks/events}, as many as the in-memory inbox keeps. */
  static final int LISTED_EVENTS = 1000;
  /**
   * How long finished events are kept for the list: longer than any of their keys lives (the window and the skew
   * are each at most 7 days), so a late duplicate still finds its event.
   */
  static final Duration KEPT = WebhookSettings.MAX_WINDOW.multipliedBy(2).plusDays(1);
  /** How often a worker with nothing to do looks for other replicas' events and expired claims, at most. */
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String COLUMNS = "id, connector, type, account_id, delivery_key, occurred_at, received_at, "
      + "sealed_body";
  private static final String RECORD_COLUMNS = "id, connector, type, account_id, occurred_at, received_at, status, "
      + "reason, run_ids, retries";

  private final Sessions sessions;
  private final SealedFiles sealing;
  private final WebhookSettings settings;
  private final Clock clock;
  /** This replica, as its claims name it. */
  private final String owner;
  /** Released by every event this replica keeps, so a worker takes it at once rather than at the next poll. */
  private final Semaphore kept = new Semaphore(0);
  private ExecutorService workers;
  private ScheduledExecutorService renewals;
  private volatile boolean stopping;

  PostgresEventStore(Sessions sessions, SealedFiles sealing, WebhookSettings settings, Clock clock) {
    this.sessions = sessions;
    this.sealing = sealing;
    this.settings = settings;
    this.clock = clock;
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    this.owner = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
  }

  @Override
  public Optional<String> admit(ReceivedEvent event, String signature, String deliveryKey)
      throws DeliveryRefusedException {
    Instant now = clock.instant();
    byte[] body = sealing.seal(sealedName(event.id()), Json.MAPPER.writeValueAsBytes(event.event().body()));
    Optional<String> taken;
    try {
      taken = sessions.run("keep webhook event " + event.id(), session -> inTransaction(session, () -> {
        Optional<String> earlier = takeKey("s " + signature, event.id(), now.plus(settings.signaturesKept()), now,
            session);
        if (earlier.isEmpty()) {
          earlier = takeKey("d " + deliveryKey, event.id(), now.plus(settings.deliveriesKept()), now, session);
        }
        if (earlier.isPresent()) {
          session.rollback();
          countRetry(session, earlier.get());
          return earlier;
        }
        if (waiting(session) >= settings.queueCapacity()) {
          session.rollback();
          throw new Busy();
        }
        insert(session, event, body);
        return Optional.<String>empty();
      }));
    } catch (Busy e) {
      throw DeliveryRefusedException.busy();
    } catch (StoreException e) {
      LOG.warn("webhook event {} not kept: {}", event.id(), e.getMessage());
      throw DeliveryRefusedException.cannotKeep();
    }
    if (taken.isEmpty()) {
      kept.release();
    }
    return taken;
  }

  @Override
  public synchronized void start(Processor processor) {
    AtomicInteger count = new AtomicInteger();
    workers = Executors.newFixedThreadPool(settings.workers(), task -> daemon(task,
        "patchbay-webhook-" + count.incrementAndGet()));
    for (int i = 0; i < settings.workers(); i++) {
      workers.execute(() -> work(processor));
    }
    renewals = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "patchbay-webhook-leases"));
    long every = settings.lease().toMillis() / 3;
    renewals.scheduleWithFixedDelay(this::renewAndForget, every, every, TimeUnit.MILLISECONDS);
  }

  private void work(Processor processor) {
    while (!stopping) {
      Optional<ReceivedEvent> claimed;
      try {
        claimed = claim();
      } catch (StoreException e) {
        LOG.warn("cannot claim webhook events: {}", e.getMessage());
        claimed = Optional.empty();
      }
      if (claimed.isEmpty()) {
        try {
          kept.tryAcquire(Math.min(POLL.toMillis(), settings.lease().toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      EventOutcome outcome = processor.process(claimed.get());
      try {
        if (stopping && outcome.status() == EventStatus.NOT_PROCESSED) {
          release(claimed.get().id());
        } else if (!finish(claimed.get().id(), outcome)) {
          LOG.warn("webhook event {} was processed here after its claim ran out; another replica may process it "
              + "too", claimed.get().id());
        }
      } catch (StoreException e) {
        LOG.warn("webhook event {} processed, but its outcome was not recorded ({}); it will be claimed and "
            + "processed again when its lease runs out", claimed.get().id(), e.getMessage());
      }
      Thread.interrupted();
    }
  }

  /** The oldest event waiting, or claimed by a replica whose lease ran out, now this replica's. */
  Optional<ReceivedEvent> claim() throws StoreException {
    Instant now = clock.instant();
    Optional<Claimed> row = sessions.run("claim a webhook event", session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "UPDATE patchbay_webhook_events SET status = 'PROCESSING', claimed_by = ?, lease_until = ? WHERE id = ("
              + "SELECT id FROM patchbay_webhook_events WHERE status = 'QUEUED' "
              + "OR (status = 'PROCESSING' AND lease_until < ?) ORDER BY received_at LIMIT 1 "
              + "FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
        statement.setString(1, owner);
        statement.setObject(2, time(now.plus(settings.lease())));
        statement.setObject(3, time(now));
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? Optional.of(claimed(result)) : Optional.<Claimed>empty();
        }
      }
    });
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Claimed claimed = row.get();
    try {
      byte[] body = sealing.open("webhook event " + claimed.id() + " in " + sessions.where(), claimed.sealedBody(),
          sealedName(claimed.id()));
      WebhookEvent event = new WebhookEvent(claimed.type(), claimed.accountId(), claimed.deliveryKey(),
          claimed.occurredAt(), Json.MAPPER.readTree(body));
      return Optional.of(new ReceivedEvent(claimed.id(), claimed.connector(), event, claimed.receivedAt()));
    } catch (StoreException | JacksonException e) {
      finish(claimed.id(), EventOutcome.of(EventStatus.FAILED, "its body cannot be opened here: " + e.getMessage()));
      return claim();
    }
  }

  /** Records what became of an event this replica claimed; false when its claim ran out and was taken. */
  boolean finish(String id, EventOutcome outcome) throws StoreException {
    return sessions.run("record what became of webhook event " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "UPDATE patchbay_webhook_events SET status = ?, reason = ?, run_ids = ?, claimed_by = NULL, "
              + "lease_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'PROCESSING'")) {
        statement.setString(1, outcome.status().name());
        statement.setString(2, outcome.reason());
        statement.setArray(3, session.createArrayOf("text", outcome.runIds().toArray()));
        statement.setString(4, id);
        statement.setString(5, owner);
        return statement.executeUpdate() == 1;
      }
    });
  }

  /** Gives an event back unprocessed, for another replica or this one's next start. */
  private void release(String id) throws StoreException {
    sessions.run("give back webhook event " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "UPDATE patchbay_webhook_events SET status = 'QUEUED', claimed_by = NULL, lease_until = NULL "
              + "WHERE id = ? AND claimed_by = ?")) {
        statement.setString(1, id);
        statement.setString(2, owner);
        return statement.executeUpdate();
      }
    });
  }

  /** Extends the leases of the events this replica processes, and forgets expired keys and old finished events. */
  void renewAndForget() {
    Instant now = clock.instant();
    try {
      sessions.run("renew the claims of webhook events", session -> {
        try (PreparedStatement renew = session.prepareStatement(
            "UPDATE patchbay_webhook_events SET lease_until = ? WHERE claimed_by = ? AND status = 'PROCESSING'");
            PreparedStatement keys = session.prepareStatement(
                "DELETE FROM patchbay_webhook_keys WHERE expires_at < ?");
            PreparedStatement events = session.prepareStatement(
                "DELETE FROM patchbay_webhook_events WHERE received_at < ? "
                    + "AND status NOT IN ('QUEUED', 'PROCESSING')")) {
          renew.setObject(1, time(now.plus(settings.lease())));
          renew.setString(2, owner);
          renew.executeUpdate();
          keys.setObject(1, time(now));
          keys.executeUpdate();
          events.setObject(1, time(now.minus(KEPT)));
          return events.executeUpdate();
        }
      });
    } catch (StoreException e) {
      LOG.warn("cannot renew the claims of webhook events being processed: {}", e.getMessage());
    }
  }

  @Override
  public List<EventRecord> events() throws StoreException {
    return sessions.run("list webhook events", session -> {
      try (PreparedStatement statement = session.prepareStatement("SELECT " + RECORD_COLUMNS
          + " FROM patchbay_webhook_events ORDER BY received_at DESC, id DESC LIMIT " + LISTED_EVENTS)) {
        return records(statement);
      }
    });
  }

  @Override
  public Optional<EventRecord> event(String id) throws StoreException {
    return sessions.run("read webhook event " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement("SELECT " + RECORD_COLUMNS
          + " FROM patchbay_webhook_events WHERE id = ?")) {
        statement.setString(1, id);
        return records(statement).stream().findFirst();
      }
    });
  }

  /**
   * Stops claiming, gives the events being processed {@code grace}, then interrupts them: an interrupted event is
   * given back, and the events waiting stay for the other replicas, so none is lost.
   */
  @Override
  public List<ReceivedEvent> stop(Duration grace) throws InterruptedException {
    stopping = true;
    synchronized (this) {
      if (workers == null) {
        return List.of();
      }
      workers.shutdown();
      if (!workers.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS);
      }
      renewals.shutdownNow();
    }
    return List.of();
  }

  private Optional<String> takeKey(String key, String eventId, Instant expires, Instant now, Connection session)
      throws SQLException {
    // Inserted, or taken over once expired; a live key's row is left as it is and the statement returns nothing.
    try (PreparedStatement statement = session.prepareStatement(
        "INSERT INTO patchbay_webhook_keys (key, event_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            + "SET event_id = excluded.event_id, expires_at = excluded.expires_at "
            + "WHERE patchbay_webhook_keys.expires_at <= ? RETURNING event_id")) {
      statement.setString(1, key);
      statement.setString(2, eventId);
      statement.setObject(3, time(expires));
      statement.setObject(4, time(now));
      try (ResultSet result = statement.executeQuery()) {
        if (result.next()) {
          return Optional.empty();
        }
      }
    }
    try (PreparedStatement statement = session.prepareStatement(
        "SELECT event_id FROM patchbay_webhook_keys WHERE key = ?")) {
      statement.setString(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return Optional.of(result.getString(1));
      }
    }
  }

  private static void countRetry(Connection session, String eventId) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(
        "UPDATE patchbay_webhook_events SET retries = retries + 1 WHERE id = ?")) {
      statement.setString(1, eventId);
      statement.executeUpdate();
    }
    session.commit();
  }

  private static int waiting(Connection session) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(
        "SELECT count(*) FROM patchbay_webhook_events WHERE status = 'QUEUED'");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getInt(1);
    }
  }

  private static void insert(Connection session, ReceivedEvent event, byte[] body) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement("INSERT INTO patchbay_webhook_events (" + COLUMNS
        + ", status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED')")) {
      WebhookEvent content = event.event();
      statement.setString(1, event.id());
      statement.setString(2, event.connectorId());
      statement.setString(3, content.type());
      statement.setString(4, content.accountId());
      statement.setString(5, content.deliveryKey());
      statement.setObject(6, time(content.occurredAt()));
      statement.setObject(7, time(event.receivedAt()));
      statement.setBytes(8, body);
      statement.executeUpdate();
    }
    session.commit();
  }

  private interface Step<T> {
    T run() throws SQLException;
  }

  /** Runs {@code step} in one transaction; it commits what it keeps, and whatever it left is rolled back. */
  private static <T> T inTransaction(Connection session, Step<T> step) throws SQLException {
    session.setAutoCommit(false);
    try {
      return step.run();
    } finally {
      session.rollback();
      session.setAutoCommit(true);
    }
  }

  private static List<EventRecord> records(PreparedStatement statement) throws SQLException {
    List<EventRecord> records = new ArrayList<>();
    try (ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        records.add(new EventRecord(result.getString(1), result.getString(2), result.getString(3),
            result.getString(4), instant(result, 5), instant(result, 6), EventStatus.valueOf(result.getString(7)),
            result.getString(8), Arrays.asList((String[]) result.getArray(9).getArray()), result.getInt(10)));
      }
    }
    return records;
  }

  private record Claimed(String id, String connector, String type, String accountId, String deliveryKey,
      Instant occurredAt, Instant receivedAt, byte[] sealedBody) {}

  private static Claimed claimed(ResultSet result) throws SQLException {
    return new Claimed(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
        result.getString(5), instant(result, 6), instant(result, 7), result.getBytes(8));
  }

  /** Thrown inside the transaction to leave it when too many events wait. */
  private static final class Busy extends RuntimeException {
    Busy() {
      super(null, null, false, false);
    }
  }

  static String sealedName(String eventId) {
    return "webhook-event " + eventId;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet result, int column) throws SQLException {
    return result.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
