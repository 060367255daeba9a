package dev.patchbay.server;

import static dev.patchbay.server.ZoomDeliveries.CANARY;
import static dev.patchbay.server.ZoomDeliveries.awaitEvent;
import static dev.patchbay.server.ZoomDeliveries.deliver;
import static dev.patchbay.server.ZoomDeliveries.event;
import static dev.patchbay.server.ZoomDeliveries.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.HmacSha256;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.WebhookSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /webhooks/zoom} on a server with the built Zoom plugin (RELIABILITY R25, R26): exact answers for every
 * kind of delivery, the endpoint check, replays and retries, the queue, and the event records. The canary secret
 * token must appear in no answer and no log line.
 */
class WebhooksApiTest {

  static final CountDownLatch HANDLER_ENTERED = new CountDownLatch(1);
  static final CountDownLatch HANDLER_RELEASE = new CountDownLatch(1);
  static final AtomicLong EVENT_TS = new AtomicLong(1_700_000_000_000L);
  static final PrintStream ERR = System.err;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  static SandboxServer fixture;
  static Api api;
  static String account;

  @BeforeAll
  static void start() throws Exception {
    // Tee stderr, where the server logs, to look for the canary afterwards.
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        ERR.write(b);
        synchronized (LOG) {
          LOG.write(b);
        }
      }
    }, true, StandardCharsets.UTF_8));
    // A handler that holds 'meeting.ended' until released, so a test can act while it is provably still busy;
    // one worker and one place in the queue, so the queue fills.
    fixture = SandboxServer.start(ServerOptions.defaults().withPort(0)
        .withWebhooks(WebhookSettings.defaults().withQueue(1, 1)), runtime -> event -> {
          if (event.event().type().equals("meeting.ended")) {
            HANDLER_ENTERED.countDown();
            HANDLER_RELEASE.await();
          }
          return EventOutcome.of(EventStatus.NO_TRIGGER, "nothing runs on " + event.event().type());
        });
    api = fixture.api;
    fixture.runtime.webhookSecrets().set("zoom", Secret.of(CANARY));
    account = fixture.sandbox().connection().identity().accountId();
  }

  @AfterAll
  static void stop() {
    HANDLER_RELEASE.countDown();
    fixture.close();
    System.setErr(ERR);
    String log;
    synchronized (LOG) {
      log = LOG.toString(StandardCharsets.UTF_8);
    }
    assertTrue(log.contains("webhook connector=zoom event=meeting.started refused: the queue is full"),
        "the server log was not captured");
    assertFalse(log.contains(CANARY), "the secret token is in the log");
    for (String answer : api.seen) {
      assertFalse(answer.contains(CANARY), "the secret token is in an answer: " + answer);
    }
  }

  /** A new event each call, so tests never see each other's events as retries. */
  static String newEvent(String type) {
    return event(type, account, EVENT_TS.incrementAndGet(), "{\"id\":\"85746065\",\"topic\":\"Standup\"}");
  }

  static void assertError(Api.Answer answer, int status, String code, String message) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(code, answer.code(), answer.body());
    assertEquals(message, answer.json().path("message").asString(), answer.body());
  }

  @Test
  void theEndpointCheckIsAnsweredWithThePlainAndEncryptedToken() {
    String body = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1654503849680,"
        + "\"event\":\"endpoint.url_validation\"}";
    Api.Answer answer = deliver(api, body, Instant.now());
    assertEquals(200, answer.status(), answer.body());
    assertEquals("{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\",\"encryptedToken\":\""
        + HmacSha256.hex(CANARY, "qgg8vlvZRS6UYooatFL8Aw") + "\"}", answer.body());
    assertTrue(answer.header("Content-Type").startsWith("application/json"));
  }

  @Test
  void theEndpointCheckIsNotAnsweredWithoutAValidSignature() {
    String body = "{\"payload\":{\"plainToken\":\"abc\"},\"event_ts\":1654503849680,"
        + "\"event\":\"endpoint.url_validation\"}";
    long now = Instant.now().getEpochSecond();
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(now), "x-zm-signature", signature("a guess", now, body)),
        401, "UNAUTHORIZED", "the x-zm-signature header does not match the body: it was signed with another secret "
            + "token, or the body changed on the way");
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json"),
        401, "UNAUTHORIZED", "the x-zm-request-timestamp header is missing");
  }

  @Test
  void anEventIsAcknowledgedThenRecordedWithWhatBecameOfIt() throws Exception {
    Api.Answer answer = deliver(api, newEvent("meeting.started"), Instant.now());
    assertEquals(200, answer.status(), answer.body());
    assertEquals("QUEUED", answer.json().path("status").asString());
    String id = answer.json().path("event").asString();
    JsonNode record = awaitEvent(api, id, "NO_TRIGGER");
    assertEquals("zoom", record.path("connector").asString());
    assertEquals("meeting.started", record.path("type").asString());
    assertEquals(account, record.path("accountId").asString());
    assertEquals("nothing runs on meeting.started", record.path("reason").asString());
    assertEquals(0, record.path("runs").size());
    assertTrue(api.get("/api/webhooks/events").json().toString().contains("\"id\":\"" + id + "\""));
  }

  @Test
  void theSameDeliveryThriceIsProcessedOnce() throws Exception {
    String body = newEvent("meeting.started");
    Instant at = Instant.now();
    String id = deliver(api, body, at).json().path("event").asString();
    for (int i = 0; i < 2; i++) {
      Api.Answer again = deliver(api, body, at);
      assertEquals(200, again.status());
      assertEquals("{\"status\":\"DUPLICATE\",\"event\":\"" + id + "\"}", again.body());
    }
    assertEquals(2, awaitEvent(api, id, "NO_TRIGGER").path("retries").asInt());
  }

  @Test
  void aReSerialisedBodyAStaleOrAFutureTimestampIsRefused() {
    String body = newEvent("meeting.started");
    long now = Instant.now().getEpochSecond();
    assertError(api.raw("POST", "/webhooks/zoom", body.replace(",", ", "), "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(now), "x-zm-signature", signature(CANARY, now, body)),
        401, "UNAUTHORIZED", "the x-zm-signature header does not match the body: it was signed with another secret "
            + "token, or the body changed on the way");
    Instant stale = Instant.ofEpochSecond(now).minus(Duration.ofMinutes(91));
    assertError(deliver(api, body, stale), 401, "UNAUTHORIZED", "the delivery was signed at " + stale
        + ", more than 90 minutes ago: an old delivery sent again, or one held up on the way");
    Instant future = Instant.ofEpochSecond(now).plus(Duration.ofMinutes(6));
    assertError(deliver(api, body, future), 401, "UNAUTHORIZED", "the delivery says it was signed at " + future
        + ", more than 5 minutes from now: its timestamp is forged, or a clock is wrong");
  }

  @Test
  void malformedHeadersAreRefusedWithWhatIsWrong() {
    String body = newEvent("meeting.started");
    long now = Instant.now().getEpochSecond();
    String valid = signature(CANARY, now, body);
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(now)), 401, "UNAUTHORIZED", "the x-zm-signature header is missing");
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(now), "x-zm-signature", "v0=" + "zz".repeat(32)),
        401, "UNAUTHORIZED", "the x-zm-signature header must be v0= followed by 64 hex digits");
    // Milliseconds, a common mistake, are no Unix seconds.
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", now + "000", "x-zm-signature", valid), 401, "UNAUTHORIZED",
        "the x-zm-request-timestamp header must be a time in Unix seconds");
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", "yesterday", "x-zm-signature", valid), 401, "UNAUTHORIZED",
        "the x-zm-request-timestamp header must be a time in Unix seconds");
  }

  @Test
  void aSignedBodyThatIsNoZoomEventIsABadRequest() {
    Instant now = Instant.now();
    assertError(deliver(api, "{\"event\":", now), 400, "INVALID_INPUT",
        "the body is not valid JSON at line 1, column 10");
    assertError(deliver(api, "[]", now), 400, "INVALID_INPUT", "the body must be a JSON object");
    assertError(deliver(api, "{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{}}", now), 400,
        "INVALID_INPUT", "a Zoom event needs 'payload.account_id', the Zoom account's id");
    assertError(deliver(api, "{\"event\":\"endpoint.url_validation\",\"payload\":{}}", now), 400, "INVALID_INPUT",
        "an endpoint.url_validation event needs payload.plainToken, a non-empty string");
  }

  @Test
  void onlyJsonIsTakenAndNotOverTheSizeLimit() throws Exception {
    String body = newEvent("meeting.started");
    assertError(api.raw("POST", "/webhooks/zoom", body, "Content-Type", "text/plain"), 415,
        "UNSUPPORTED_MEDIA_TYPE", "a webhook delivery must be sent as application/json, not text/plain");
    assertError(api.raw("POST", "/webhooks/zoom", body), 415, "UNSUPPORTED_MEDIA_TYPE",
        "a webhook delivery must be sent as application/json; it has no Content-Type");
    Api.Answer charset = deliver(api, body, Instant.now());
    assertEquals(200, charset.status(), charset.body());
    assertEquals("HTTP/1.1 413 Payload Too Large", api.statusOfAnnouncedBody("/webhooks/zoom", 2L * 1024 * 1024));
    // Just over the limit and without a length: the server reads up to the limit, and what it leaves unread fits in
    // the socket buffers, so the client reads the answer instead of racing the server's close.
    String big = "{\"event\":\"" + "x".repeat(1024 * 1024 + 1024) + "\"}";
    assertError(api.postChunked("/webhooks/zoom", big.getBytes(StandardCharsets.UTF_8)), 413, "REQUEST_TOO_LARGE",
        "the request body is larger than the limit of 1048576 bytes");
  }

  @Test
  void nothingListensForAnUnknownConnector() {
    String body = newEvent("meeting.started");
    long now = Instant.now().getEpochSecond();
    assertError(api.raw("POST", "/webhooks/nope", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(now), "x-zm-signature", signature(CANARY, now, body)),
        404, "NOT_FOUND", "no connector 'nope' is loaded");
    assertError(api.raw("POST", "/webhooks/..%2Fkeys", body, "Content-Type", "application/json"),
        404, "NOT_FOUND", "no connector '../keys' is loaded");
  }

  @Test
  void nothingListensWithoutASecretToken() throws Exception {
    assertTrue(fixture.runtime.webhookSecrets().remove("zoom"));
    try {
      assertError(deliver(api, newEvent("meeting.started"), Instant.now()), 404, "NOT_FOUND",
          "no webhook secret token is set for 'zoom'; the operator sets it with: patchbay webhooks secret zoom");
    } finally {
      fixture.runtime.webhookSecrets().set("zoom", Secret.of(CANARY));
    }
  }

  @Test
  void theEventRecordsNeedTheApiToken() {
    assertEquals(401, api.raw("GET", "/api/webhooks/events", null).status());
    assertError(api.get("/api/webhooks/events/20260101-000000-00000000"), 404, "NOT_FOUND",
        "no webhook event '20260101-000000-00000000' among the recent ones; GET /api/webhooks/events lists them");
  }

  @Test
  void aSlowHandlerDoesNotDelayTheAnswerAndAFullQueueAnswers503() throws Exception {
    Api.Answer held = deliver(api, newEvent("meeting.ended"), Instant.now());
    assertEquals(200, held.status(), held.body());
    assertTrue(HANDLER_ENTERED.await(10, TimeUnit.SECONDS));
    // The one worker is held; the next event takes the one place in the queue, answered at once all the same.
    Api.Answer queued = deliver(api, newEvent("meeting.started"), Instant.now());
    assertEquals(200, queued.status(), queued.body());
    assertEquals(1, HANDLER_RELEASE.getCount(), "answered while the handler is still held");
    String refusedBody = newEvent("meeting.started");
    Api.Answer full = deliver(api, refusedBody, Instant.now());
    assertError(full, 503, "QUEUE_FULL", "the queue of events waiting to be processed is full; deliver the event "
        + "again later");
    assertEquals("60", full.header("Retry-After"));
    assertEquals("PROCESSING", api.get("/api/webhooks/events/" + held.json().path("event").asString()).json()
        .path("status").asString());
    HANDLER_RELEASE.countDown();
    awaitEvent(api, held.json().path("event").asString(), "NO_TRIGGER");
    awaitEvent(api, queued.json().path("event").asString(), "NO_TRIGGER");
    // Zoom delivers the refused event again: it is taken now, not mistaken for a duplicate.
    Api.Answer retried = deliver(api, refusedBody, Instant.now());
    assertEquals("QUEUED", retried.json().path("status").asString(), retried.body());
  }
}
