package dev.patchbay.zoom.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.api.webhooks.WebhookKey;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.api.webhooks.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Zoom's webhook signature, URL validation and event envelope, with vectors computed here by the JDK's HMAC. */
class ZoomWebhooksTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SECRET = "canary-webhook-secret-7f3a";
  private static final WebhookKey KEY = message -> hmac(SECRET, message);
  private static final String BODY = "{\"event\":\"meeting.started\",\"event_ts\":1626230691572,"
      + "\"payload\":{\"account_id\":\"AAA111\",\"object\":{\"id\":\"85746065\",\"topic\":\"Standup\"}}}";

  private final ZoomSignature signature = new ZoomSignature();

  static byte[] hmac(String secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(String secret, String timestamp, String body) {
    return "v0=" + HexFormat.of().formatHex(hmac(secret, ("v0:" + timestamp + ":" + body)
        .getBytes(StandardCharsets.UTF_8)));
  }

  private static WebhookRequest request(String body, String... headers) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return new WebhookRequest(map, body.getBytes(StandardCharsets.UTF_8));
  }

  private String rejection(WebhookRequest request) {
    return assertThrows(WebhookRejectedException.class, () -> signature.verify(request, KEY)).getMessage();
  }

  @Test
  void aSignatureOverTheRawBodyVerifiesAndGivesTheSigningTime() throws Exception {
    String expected = sign(SECRET, "1626230692", BODY);
    WebhookSignature.Verified verified = signature.verify(request(BODY, "X-Zm-Signature", expected,
        "x-zm-request-timestamp", "1626230692"), KEY);
    assertEquals(Instant.ofEpochSecond(1626230692), verified.signedAt());
    assertEquals(expected, verified.signature());
  }

  @Test
  void upperCaseHexIsTheSameSignature() throws Exception {
    String expected = sign(SECRET, "1626230692", BODY);
    WebhookSignature.Verified verified = signature.verify(request(BODY, "x-zm-signature",
        "v0=" + expected.substring(3).toUpperCase(), "x-zm-request-timestamp", "1626230692"), KEY);
    assertEquals(expected, verified.signature());
  }

  @Test
  void theSameEventWrittenWithOtherWhitespaceDoesNotVerify() throws Exception {
    String reserialised = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(BODY));
    assertEquals(JSON.readTree(BODY), JSON.readTree(reserialised));
    assertEquals("the x-zm-signature header does not match the body: it was signed with another secret token, or "
        + "the body changed on the way", rejection(request(reserialised, "x-zm-signature",
        sign(SECRET, "1626230692", BODY), "x-zm-request-timestamp", "1626230692")));
  }

  @Test
  void anotherSecretOrAnotherTimestampDoesNotVerify() {
    String message = "the x-zm-signature header does not match the body: it was signed with another secret token, "
        + "or the body changed on the way";
    assertEquals(message, rejection(request(BODY, "x-zm-signature", sign("other", "1626230692", BODY),
        "x-zm-request-timestamp", "1626230692")));
    assertEquals(message, rejection(request(BODY, "x-zm-signature", sign(SECRET, "1626230692", BODY),
        "x-zm-request-timestamp", "1626230693")));
  }

  @Test
  void missingOrMalformedHeadersAreNamed() {
    String valid = sign(SECRET, "1626230692", BODY);
    assertEquals("the x-zm-request-timestamp header is missing",
        rejection(request(BODY, "x-zm-signature", valid)));
    assertEquals("the x-zm-signature header is missing",
        rejection(request(BODY, "x-zm-request-timestamp", "1626230692")));
    String badTimestamp = "the x-zm-request-timestamp header must be a time in Unix seconds";
    for (String timestamp : new String[] {"", "-5", "1626230692000000", "12.5", "soon"}) {
      assertEquals(badTimestamp, rejection(request(BODY, "x-zm-signature", valid,
          "x-zm-request-timestamp", timestamp)), timestamp);
    }
    String badSignature = "the x-zm-signature header must be v0= followed by 64 hex digits";
    for (String value : new String[] {"", valid.substring(3), "v1=" + valid.substring(3), valid + "00",
        valid.substring(0, 66), "v0=" + "g".repeat(64), "sha256=" + valid.substring(3)}) {
      assertEquals(badSignature, rejection(request(BODY, "x-zm-signature", value,
          "x-zm-request-timestamp", "1626230692")), value);
    }
  }

  @Test
  void urlValidationIsAnsweredWithTheHmacOfThePlainToken() throws Exception {
    JsonNode answer = new UrlValidation().answer(JSON.readTree(
        "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},"
            + "\"event_ts\":1654503849680}"), KEY).orElseThrow();
    assertEquals("qgg8vlvZRS6UYooatFL8Aw", answer.path("plainToken").stringValue());
    assertEquals(HexFormat.of().formatHex(hmac(SECRET, "qgg8vlvZRS6UYooatFL8Aw".getBytes(StandardCharsets.UTF_8))),
        answer.path("encryptedToken").stringValue());
    assertEquals(2, answer.size());
  }

  @Test
  void anOrdinaryEventIsNoChallengeAndAMalformedValidationIsRefused() throws Exception {
    assertTrue(new UrlValidation().answer(JSON.readTree(BODY), KEY).isEmpty());
    for (String body : new String[] {"{\"event\":\"endpoint.url_validation\"}",
        "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"\"}}",
        "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":42}}"}) {
      assertEquals("an endpoint.url_validation event needs payload.plainToken, a non-empty string",
          assertThrows(WebhookRejectedException.class, () -> new UrlValidation().answer(JSON.readTree(body), KEY))
              .getMessage(), body);
    }
  }

  @Test
  void anEventGivesItsTypeAccountTimeAndAKeyItsRetriesShare() throws Exception {
    WebhookEvent event = new ZoomEvents().read(JSON.readTree(BODY));
    assertEquals("meeting.started", event.type());
    assertEquals("AAA111", event.accountId());
    assertEquals(Instant.ofEpochMilli(1626230691572L), event.occurredAt());
    assertEquals(event.deliveryKey(), new ZoomEvents().read(JSON.readTree(
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(BODY)))).deliveryKey());
    assertNotEquals(event.deliveryKey(), new ZoomEvents().read(JSON.readTree(BODY.replace("Standup", "Retro")))
        .deliveryKey());
    assertNotEquals(event.deliveryKey(), new ZoomEvents().read(JSON.readTree(BODY.replace("1626230691572",
        "1626230691573"))).deliveryKey());
  }

  @Test
  void eventsOfAnotherShapeAreRefusedWithWhatIsMissing() {
    Map<String, String> cases = Map.of(
        "{}", "a Zoom event needs 'event', the event's name as a string",
        "{\"event\":7}", "a Zoom event needs 'event', the event's name as a string",
        "{\"event\":\"meeting.started\"}", "a Zoom event needs 'event_ts', the event's time in Unix milliseconds",
        "{\"event\":\"meeting.started\",\"event_ts\":\"1626230691572\"}",
        "a Zoom event needs 'event_ts', the event's time in Unix milliseconds",
        "{\"event\":\"meeting.started\",\"event_ts\":1.5}",
        "a Zoom event needs 'event_ts', the event's time in Unix milliseconds",
        "{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":[]}", "a Zoom event needs 'payload', a JSON object",
        "{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{}}",
        "a Zoom event needs 'payload.account_id', the Zoom account's id");
    cases.forEach((body, message) -> assertEquals(message, assertThrows(WebhookRejectedException.class,
        () -> new ZoomEvents().read(JSON.readTree(body))).getMessage(), body));
  }
}
