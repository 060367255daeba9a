package dev.patchbay.server;

import dev.patchbay.engine.testing.HmacSha256;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Zoom webhook deliveries for tests, signed with the JDK's HMAC as Zoom documents it. */
final class ZoomDeliveries {

  /** The webhook secret token of the tests: a canary that must never appear in an answer or a log. */
  static final String CANARY = "canary-zoom-webhook-token-5e1f";

  private ZoomDeliveries() {}

  /** {@code v0=HEX(HMAC(secret, "v0:" + ts + ":" + body))}. */
  static String signature(String secret, long timestamp, String body) {
    return "v0=" + HmacSha256.hex(secret, "v0:" + timestamp + ":" + body);
  }

  /** A Zoom event envelope. */
  static String event(String type, String accountId, long eventTs, String object) {
    return "{\"event\":\"" + type + "\",\"event_ts\":" + eventTs + ",\"payload\":{\"account_id\":\"" + accountId
        + "\",\"object\":" + object + "}}";
  }

  /** Waits (up to 30 s) for a webhook event to reach a status: it is processed after the answer, by design. */
  static JsonNode awaitEvent(Api api, String id, String status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode record = null;
    while (System.nanoTime() < deadline) {
      record = api.get("/api/webhooks/events/" + id).json();
      if (record.path("status").asString().equals(status)) {
        return record;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("event " + id + " is " + record + ", not " + status);
  }

  /** POSTs the body to the server's Zoom webhook route, signed with the canary at {@code at}. */
  static Api.Answer deliver(Api api, String body, Instant at) {
    long timestamp = at.getEpochSecond();
    return api.raw("POST", "/webhooks/zoom", body, "Content-Type", "application/json",
        "x-zm-request-timestamp", String.valueOf(timestamp), "x-zm-signature", signature(CANARY, timestamp, body));
  }
}
