package dev.patchbay.engine.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityRunner;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.HmacSha256;
import dev.patchbay.engine.testing.MutableClock;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.SignedEchoConnector;
import dev.patchbay.engine.webhooks.DeliveryRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox with the signed echo connector loaded from a plugin zip through PF4J (RELIABILITY R25, R26): signature
 * vectors computed here with the JDK's HMAC, the window on a hand-moved clock, replays and retries processed once,
 * a slow handler that never delays the answer, a full queue that refuses, and a stop that reports what it left.
 */
class WebhookInboxTest {

  static final String CANARY = "canary-secret-token-d41d8cd98f";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String EVENT = "{\"event\":\"thing.created\",\"id\":\"evt-1\",\"account\":\"acct-1\"}";

  @TempDir
  Path home;

  final MutableClock clock = new MutableClock(NOW);
  final List<ReceivedEvent> handled = new CopyOnWriteArrayList<>();
  PatchbayRuntime runtime;
  ActivityRunner runner;
  final List<WebhookInbox> inboxes = new ArrayList<>();

  @BeforeEach
  void loadTheSignedEchoPlugin() throws Exception {
    new PluginZipBuilder("echo").extension(SignedEchoConnector.class).withClass(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.signedEchoText()).writeTo(home.resolve("plugins"));
    byte[] key = new byte[32];
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of(MasterKey.ENV, Base64.getEncoder().encodeToString(key))).start();
    assertTrue(runtime.catalog().connector("echo").isPresent(), runtime.catalog().plugins().toString());
    runtime.webhookSecrets().set("echo", Secret.of(CANARY));
    runner = new ActivityRunner(runtime.catalog(), new OkHttpClient(), clock, Sleeper.system(),
        RateLimiters.withDefaults());
  }

  @AfterEach
  void close() {
    inboxes.forEach(WebhookInbox::close);
    runner.close();
    runtime.close();
  }

  WebhookInbox inbox(EventHandler handler, WebhookSettings settings) {
    WebhookSecretStore secrets;
    try {
      secrets = runtime.webhookSecrets();
    } catch (ConnectorException e) {
      throw new IllegalStateException(e);
    }
    WebhookInbox inbox = new WebhookInbox(runner, secrets::get, handler, settings, clock);
    inboxes.add(inbox);
    return inbox;
  }

  WebhookInbox recordingInbox() {
    return inbox(event -> {
      handled.add(event);
      return EventOutcome.of(EventStatus.NO_TRIGGER, "nothing runs on " + event.event().type());
    }, WebhookSettings.defaults());
  }

  static WebhookRequest signed(String body, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    return new WebhookRequest(Map.of("X-Echo-Timestamp", timestamp, "X-Echo-Signature",
        HmacSha256.hex(CANARY, timestamp + "." + body)), body.getBytes(StandardCharsets.UTF_8));
  }

  static DeliveryRefusedException refused(Reason reason, ThrowingReceive receive) {
    DeliveryRefusedException e = assertThrows(DeliveryRefusedException.class, receive::run);
    assertEquals(reason, e.reason(), e.getMessage());
    assertFalse(e.getMessage().contains(CANARY));
    return e;
  }

  /** Blocks in the handler until released, so a test acts while the handler is provably still running. */
  static final class HeldHandler implements EventHandler {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final EventOutcome outcome;

    HeldHandler(EventOutcome outcome) {
      this.outcome = outcome;
    }

    @Override
    public EventOutcome handle(ReceivedEvent event) throws InterruptedException {
      entered.countDown();
      release.await();
      return outcome;
    }
  }

  interface ThrowingReceive {
    void run() throws Exception;
  }

  /** Waits for the handler's results to be recorded: processing is asynchronous by design. */
  static EventRecord awaitRecord(WebhookInbox inbox, String id, EventStatus status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      EventRecord record = inbox.event(id).orElseThrow();
      if (record.status() == status) {
        return record;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("event " + id + " is " + inbox.event(id).orElseThrow() + ", not " + status);
  }

  @Test
  void aSignedEventIsQueuedHandledAndRecorded() throws Exception {
    WebhookInbox inbox = recordingInbox();
    Receipt receipt = inbox.receive("echo", signed(EVENT, NOW));
    assertEquals(Receipt.Kind.QUEUED, receipt.kind());
    EventRecord record = awaitRecord(inbox, receipt.eventId(), EventStatus.NO_TRIGGER);
    assertEquals("nothing runs on thing.created", record.reason());
    assertEquals("echo", record.connectorId());
    assertEquals("thing.created", record.type());
    assertEquals("acct-1", record.accountId());
    assertEquals(NOW, record.receivedAt());
    assertEquals(1, handled.size());
    assertEquals("evt-1", handled.get(0).event().deliveryKey());
    assertEquals(List.of(record), inbox.events());
    assertFalse(record.toString().contains(CANARY));
  }

  @Test
  void theSameEventWithOtherWhitespaceDoesNotVerify() throws Exception {
    WebhookInbox inbox = recordingInbox();
    String timestamp = String.valueOf(NOW.getEpochSecond());
    WebhookRequest reserialised = new WebhookRequest(Map.of("x-echo-timestamp", timestamp, "x-echo-signature",
        HmacSha256.hex(CANARY, timestamp + "." + EVENT)), EVENT.replace(",", ", ").getBytes(StandardCharsets.UTF_8));
    assertEquals("x-echo-signature does not match",
        refused(Reason.UNAUTHENTICATED, () -> inbox.receive("echo", reserialised)).getMessage());
    assertTrue(inbox.events().isEmpty());
  }

  @Test
  void aStaleOrFutureSigningTimeIsRefusedAndTheWindowsEdgesPass() throws Exception {
    WebhookInbox inbox = recordingInbox();
    assertEquals("the delivery was signed at 2026-03-01T10:29:59Z, more than 90 minutes ago: an old delivery sent "
        + "again, or one held up on the way", refused(Reason.UNAUTHENTICATED, () -> inbox.receive("echo",
        signed(EVENT, NOW.minus(Duration.ofMinutes(90)).minusSeconds(1)))).getMessage());
    assertEquals("the delivery says it was signed at 2026-03-01T12:05:01Z, more than 5 minutes from now: its "
        + "timestamp is forged, or a clock is wrong", refused(Reason.UNAUTHENTICATED, () -> inbox.receive("echo",
        signed(EVENT, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))).getMessage());
    assertTrue(inbox.events().isEmpty());
    assertEquals(Receipt.Kind.QUEUED, inbox.receive("echo", signed(EVENT, NOW.minus(Duration.ofMinutes(90))))
        .kind());
    assertEquals(Receipt.Kind.QUEUED, inbox.receive("echo", signed(EVENT.replace("evt-1", "evt-2"),
        NOW.plus(Duration.ofMinutes(5)))).kind());
  }

  @Test
  void theSameDeliveryTwiceIsProcessedOnceAndCountedAsARetry() throws Exception {
    WebhookInbox inbox = recordingInbox();
    Receipt first = inbox.receive("echo", signed(EVENT, NOW));
    Receipt second = inbox.receive("echo", signed(EVENT, NOW));
    assertEquals(Receipt.Kind.DUPLICATE, second.kind());
    assertEquals(first.eventId(), second.eventId());
    // Zoom's retry of the same event, signed again minutes later, is the same event.
    clock.advance(Duration.ofMinutes(5));
    Receipt retry = inbox.receive("echo", signed(EVENT, clock.instant()));
    assertEquals(Receipt.Kind.DUPLICATE, retry.kind());
    EventRecord record = awaitRecord(inbox, first.eventId(), EventStatus.NO_TRIGGER);
    assertEquals(2, record.retries());
    assertEquals(1, handled.size());
    assertEquals(1, inbox.events().size());
  }

  @Test
  void aDeliveryKeyIsForgottenAfterTheWindowAndSkewAndTheEventTakenAgain() throws Exception {
    WebhookInbox inbox = recordingInbox();
    Receipt first = inbox.receive("echo", signed(EVENT, NOW));
    clock.advance(Duration.ofMinutes(94));
    assertEquals(Receipt.Kind.DUPLICATE, inbox.receive("echo", signed(EVENT, clock.instant())).kind());
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Receipt later = inbox.receive("echo", signed(EVENT, clock.instant()));
    assertEquals(Receipt.Kind.QUEUED, later.kind());
    assertFalse(first.eventId().equals(later.eventId()));
  }

  @Test
  void aDeliverySignedAheadOfThisClockIsRememberedForAsLongAsItsSignaturePasses() throws Exception {
    WebhookInbox inbox = recordingInbox();
    WebhookRequest ahead = signed(EVENT, NOW.plus(Duration.ofMinutes(5)));
    assertEquals(Receipt.Kind.QUEUED, inbox.receive("echo", ahead).kind());
    // Past the window counted from its arrival, but the signing time still passes it: a replay now is still one.
    clock.advance(Duration.ofMinutes(90).plusSeconds(1));
    assertEquals(Receipt.Kind.DUPLICATE, inbox.receive("echo", ahead).kind());
  }

  @Test
  void withAShortWindowARetrySignedAnewWithinZoomsRetriesIsStillTheSameEvent() throws Exception {
    WebhookInbox inbox = inbox(event -> EventOutcome.of(EventStatus.NO_TRIGGER, "none"),
        WebhookSettings.defaults().withWindow(Duration.ofMinutes(10)));
    Receipt first = inbox.receive("echo", signed(EVENT, NOW));
    clock.advance(Duration.ofMinutes(85));
    Receipt retry = inbox.receive("echo", signed(EVENT, clock.instant()));
    assertEquals(Receipt.Kind.DUPLICATE, retry.kind());
    assertEquals(first.eventId(), retry.eventId());
  }

  @Test
  void aSecretTokenThatCannotBeReadIsUnavailableAndItsReasonStaysInTheLog() throws Exception {
    WebhookInbox inbox = new WebhookInbox(runner, connectorId -> {
      throw new StoreException("/srv/patchbay/keys/master.key is readable by others");
    }, event -> EventOutcome.of(EventStatus.NO_TRIGGER, "none"), WebhookSettings.defaults(), clock);
    inboxes.add(inbox);

    DeliveryRefusedException e = refused(Reason.UNAVAILABLE, () -> inbox.receive("echo", signed(EVENT, NOW)));

    assertEquals("this server cannot check deliveries for 'echo' now; its operator will find the reason in its "
        + "log. Deliver it again later.", e.getMessage());
    assertTrue(inbox.events().isEmpty());
  }

  @Test
  void anEventThePluginHandsBackHoldingAJavaObjectIsAPluginError() throws Exception {
    WebhookInbox inbox = recordingInbox();
    String embedding = "{\"event\":\"thing.created\",\"id\":\"evt-9\",\"account\":\"acct-1\",\"embed\":true}";

    ConnectorException e = assertThrows(ConnectorException.class, () -> inbox.receive("echo", signed(embedding, NOW)));

    assertEquals(ErrorCode.PLUGIN_ERROR, e.code());
    assertEquals("The connector's webhook code put a Java object into the event it read (at /trace: a "
        + "java.lang.StringBuilder); only JSON values may be handed to the host. Report this to the plugin's author.",
        e.getMessage());
    assertTrue(inbox.events().isEmpty());
  }

  @Test
  void aWindowOrSkewOverSevenDaysIsRefused() {
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> WebhookSettings.defaults().withWindow(Duration.ofDays(8)));
    assertEquals("the window and the skew must be at most 7 days", tooLong.getMessage());
  }

  @Test
  void threeIdenticalDeliveriesRacingInGiveOneHandlerInvocation() throws Exception {
    WebhookInbox inbox = recordingInbox();
    WebhookRequest request = signed(EVENT, NOW);
    ExecutorService senders = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Receipt>> receipts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        receipts.add(senders.submit(() -> {
          go.await();
          return inbox.receive("echo", request);
        }));
      }
      go.countDown();
      List<Receipt.Kind> kinds = new ArrayList<>();
      for (Future<Receipt> receipt : receipts) {
        kinds.add(receipt.get(10, TimeUnit.SECONDS).kind());
      }
      assertEquals(1, kinds.stream().filter(kind -> kind == Receipt.Kind.QUEUED).count(), kinds.toString());
      assertEquals(2, kinds.stream().filter(kind -> kind == Receipt.Kind.DUPLICATE).count(), kinds.toString());
      String id = inbox.events().get(0).id();
      assertEquals(2, awaitRecord(inbox, id, EventStatus.NO_TRIGGER).retries());
      assertEquals(1, handled.size());
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void aSlowHandlerDoesNotDelayTheAnswer() throws Exception {
    HeldHandler held = new HeldHandler(new EventOutcome(EventStatus.PROCESSED, null, List.of("run-1")));
    WebhookInbox inbox = inbox(held, WebhookSettings.defaults());
    Receipt receipt = inbox.receive("echo", signed(EVENT, NOW));
    assertTrue(held.entered.await(10, TimeUnit.SECONDS));
    // Answered while the handler is still blocked: a second delivery is answered too, and the first is PROCESSING.
    assertEquals(Receipt.Kind.QUEUED, receipt.kind());
    assertEquals(Receipt.Kind.QUEUED, inbox.receive("echo", signed(EVENT.replace("evt-1", "evt-2"), NOW)).kind());
    assertEquals(EventStatus.PROCESSING, inbox.event(receipt.eventId()).orElseThrow().status());
    assertEquals(1, held.release.getCount());
    held.release.countDown();
    assertEquals(List.of("run-1"), awaitRecord(inbox, receipt.eventId(), EventStatus.PROCESSED).runIds());
  }

  @Test
  void aFullQueueRefusesAndTheRefusedEventIsTakenWhenDeliveredAgain() throws Exception {
    HeldHandler held = new HeldHandler(EventOutcome.of(EventStatus.NO_TRIGGER, "none"));
    WebhookInbox inbox = inbox(held, WebhookSettings.defaults().withQueue(1, 1));
    inbox.receive("echo", signed(EVENT, NOW));
    assertTrue(held.entered.await(10, TimeUnit.SECONDS));
    inbox.receive("echo", signed(EVENT.replace("evt-1", "evt-2"), NOW));
    String third = EVENT.replace("evt-1", "evt-3");
    assertEquals("the queue of events waiting to be processed is full; deliver the event again later",
        refused(Reason.BUSY, () -> inbox.receive("echo", signed(third, NOW))).getMessage());
    assertEquals(2, inbox.events().size());
    held.release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Receipt again = null;
    while (again == null && System.nanoTime() < deadline) {
      try {
        again = inbox.receive("echo", signed(third, NOW));
      } catch (DeliveryRefusedException stillFull) {
        Thread.sleep(5);
      }
    }
    assertEquals(Receipt.Kind.QUEUED, again.kind());
  }

  @Test
  void theEndpointCheckIsAnsweredOnlyAfterItsSignatureVerifies() throws Exception {
    WebhookInbox inbox = recordingInbox();
    String challenge = "{\"event\":\"challenge\",\"token\":\"plain-123\"}";
    Receipt receipt = inbox.receive("echo", signed(challenge, NOW));
    assertEquals(Receipt.Kind.CHALLENGE, receipt.kind());
    assertNull(receipt.eventId());
    assertEquals("{\"answer\":\"" + HmacSha256.hex(CANARY, "plain-123") + "\"}", receipt.answer().toString());
    // Asked again (Zoom re-validates), answered again.
    assertEquals(receipt.answer(), inbox.receive("echo", signed(challenge, NOW)).answer());
    String timestamp = String.valueOf(NOW.getEpochSecond());
    WebhookRequest forged = new WebhookRequest(Map.of("x-echo-timestamp", timestamp, "x-echo-signature",
        HmacSha256.hex("a guess", timestamp + "." + challenge)), challenge.getBytes(StandardCharsets.UTF_8));
    refused(Reason.UNAUTHENTICATED, () -> inbox.receive("echo", forged));
    assertTrue(inbox.events().isEmpty());
    assertTrue(handled.isEmpty());
  }

  @Test
  void missingHeadersAreRefusedWithTheConnectorsReason() {
    WebhookInbox inbox = recordingInbox();
    assertEquals("x-echo-timestamp is missing", refused(Reason.UNAUTHENTICATED, () -> inbox.receive("echo",
        new WebhookRequest(Map.of(), EVENT.getBytes(StandardCharsets.UTF_8)))).getMessage());
  }

  @Test
  void aSignedBodyThatIsNoEventIsMalformed() throws Exception {
    WebhookInbox inbox = recordingInbox();
    assertEquals("the body is not valid JSON at line 1, column 13", refused(Reason.MALFORMED,
        () -> inbox.receive("echo", signed("{\"event\":\"x\"", NOW))).getMessage());
    assertEquals("the body must be a JSON object",
        refused(Reason.MALFORMED, () -> inbox.receive("echo", signed("[1,2]", NOW))).getMessage());
    assertEquals("the body must be a JSON object",
        refused(Reason.MALFORMED, () -> inbox.receive("echo", signed("", NOW))).getMessage());
    assertEquals("an echo event needs 'event', 'id' and 'account', strings",
        refused(Reason.MALFORMED, () -> inbox.receive("echo", signed("{\"event\":\"x\"}", NOW))).getMessage());
    assertEquals("a challenge needs 'token'", refused(Reason.MALFORMED, () -> inbox.receive("echo",
        signed("{\"event\":\"challenge\"}", NOW))).getMessage());
    assertTrue(inbox.events().isEmpty());
  }

  @Test
  void nothingListensWithoutASecretTokenOrForAConnectorNotLoaded() throws Exception {
    WebhookInbox inbox = recordingInbox();
    assertEquals("no connector 'nope' is loaded",
        refused(Reason.NOT_RECEIVING, () -> inbox.receive("nope", signed(EVENT, NOW))).getMessage());
    assertTrue(runtime.webhookSecrets().remove("echo"));
    assertEquals("no webhook secret token is set for 'echo'; the operator sets it with: patchbay webhooks secret "
        + "echo", refused(Reason.NOT_RECEIVING, () -> inbox.receive("echo", signed(EVENT, NOW))).getMessage());
  }

  @Test
  void aConnectorWithoutWebhooksReceivesNone() {
    DeliveryReader reader = new DeliveryReader(WebhookSettings.defaults());
    DeliveryRefusedException e = refused(Reason.NOT_RECEIVING, () -> reader.read(new EchoConnector(),
        signed(EVENT, NOW), java.util.Optional.of(Secret.of(CANARY)), NOW));
    assertEquals("connector 'echo' receives no webhooks", e.getMessage());
  }

  @Test
  void aPluginThatThrowsFailsTheDeliveryAsAPluginError() {
    WebhookInbox inbox = recordingInbox();
    ConnectorException e = assertThrows(ConnectorException.class, () -> inbox.receive("echo", new WebhookRequest(
        Map.of("x-echo-explode", "1"), EVENT.getBytes(StandardCharsets.UTF_8))));
    assertEquals(ErrorCode.PLUGIN_ERROR, e.code());
    assertTrue(e.getMessage().startsWith("echo webhook failed inside the connector plugin echo: "
        + "java.lang.IllegalStateException: the plugin exploded."), e.getMessage());
  }

  @Test
  void aStopWaitsForTheQueueThenRecordsWhatNeverStarted() throws Exception {
    HeldHandler held = new HeldHandler(EventOutcome.of(EventStatus.NO_TRIGGER, "none"));
    WebhookInbox inbox = inbox(held, WebhookSettings.defaults().withQueue(10, 1));
    Receipt running = inbox.receive("echo", signed(EVENT, NOW));
    assertTrue(held.entered.await(10, TimeUnit.SECONDS));
    Receipt waiting = inbox.receive("echo", signed(EVENT.replace("evt-1", "evt-2"), NOW));
    assertEquals(1, inbox.stop(Duration.ofMillis(50)));
    assertEquals("the server stopped before the event was processed",
        inbox.event(waiting.eventId()).orElseThrow().reason());
    assertEquals(EventStatus.NOT_PROCESSED, inbox.event(waiting.eventId()).orElseThrow().status());
    EventRecord interrupted = awaitRecord(inbox, running.eventId(), EventStatus.NOT_PROCESSED);
    assertEquals("the server stopped while the event was processed", interrupted.reason());
    assertEquals(Reason.BUSY, refused(Reason.BUSY, () -> inbox.receive("echo",
        signed(EVENT.replace("evt-1", "evt-3"), NOW))).reason());
  }

  @Test
  void theSecretTokenIsSealedOnDisk() throws Exception {
    byte[] file = Files.readAllBytes(home.resolve("webhooks").resolve("echo.secret"));
    assertFalse(new String(file, StandardCharsets.UTF_8).contains(CANARY));
    assertEquals(CANARY, runtime.webhookSecrets().get("echo").orElseThrow().reveal());
    assertEquals("[secret]", runtime.webhookSecrets().get("echo").orElseThrow().toString());
    assertFalse(new HmacKey(Secret.of(CANARY)).toString().contains(CANARY));
    assertTrue(runtime.webhookSecrets().get("../keys/master").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> runtime.webhookSecrets().set("../x", Secret.of(CANARY)));
  }
}
