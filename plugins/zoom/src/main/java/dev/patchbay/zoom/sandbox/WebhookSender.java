package dev.patchbay.zoom.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a webhook the way Zoom does, for {@code POST /_sandbox/webhooks}: {@code endpoint.url_validation} (and checks
 * the endpoint's answer, as Zoom does when an app's event URL is saved) or {@code recording.completed} for one of
 * the sandbox's recordings, signed with the given secret token ({@code x-zm-signature}, {@code
 * x-zm-request-timestamp}), sent {@code times} times alike, as Zoom's retries are.
 */
final class WebhookSender {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Zoom gives up on an endpoint that has not answered in 3 seconds. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

  private final Services services;

  WebhookSender(Services services) {
    this.services = services;
  }

  /**
   * @param request {@code {url, secretToken, event, meetingId (recording.completed), times (default 1)}}
   * @return {@code {deliveries: [{status, body}], validated (url_validation only)}}
   */
  ObjectNode send(JsonNode request) {
    String url = text(request, "url");
    String secretToken = text(request, "secretToken");
    String event = text(request, "event");
    int times = request.path("times").asInt(1);
    if (times < 1 || times > 10) {
      throw new IllegalArgumentException("times must be 1 to 10");
    }
    Instant now = services.clock().instant();
    ObjectNode envelope = SandboxJson.object();
    envelope.put("event", event);
    envelope.put("event_ts", now.toEpochMilli());
    ObjectNode payload = envelope.putObject("payload");
    String plainToken = null;
    switch (event) {
      case "endpoint.url_validation" -> {
        plainToken = services.state().accountId() + "-" + now.toEpochMilli();
        payload.put("plainToken", plainToken);
      }
      case "recording.completed" -> {
        payload.put("account_id", services.state().accountId());
        payload.set("object", recording(request));
        envelope.put("download_token", "sandbox-download-" + now.toEpochMilli());
      }
      default -> throw new IllegalArgumentException("the sandbox sends endpoint.url_validation and "
          + "recording.completed, not " + event);
    }
    byte[] body = SandboxJson.bytes(envelope);
    String timestamp = String.valueOf(now.getEpochSecond());
    // Over the bytes as sent, as Zoom signs: the receiver must check the raw body, not a re-encoding of it.
    byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] message = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    String signature = "v0=" + hex(hmac(secretToken, message));
    ObjectNode result = SandboxJson.object();
    ArrayNode deliveries = result.putArray("deliveries");
    JsonNode lastAnswer = null;
    for (int i = 0; i < times; i++) {
      Answer response = post(url, body, timestamp, signature);
      ObjectNode delivery = deliveries.addObject();
      delivery.put("status", response.status());
      lastAnswer = parse(response.body());
      delivery.set("body", lastAnswer);
    }
    if (plainToken != null) {
      String expected = hex(hmac(secretToken, plainToken.getBytes(StandardCharsets.UTF_8)));
      result.put("validated", lastAnswer != null && plainToken.equals(lastAnswer.path("plainToken").asString(null))
          && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          lastAnswer.path("encryptedToken").asString("").getBytes(StandardCharsets.US_ASCII)));
    }
    return result;
  }

  private ObjectNode recording(JsonNode request) {
    if (!request.path("meetingId").isIntegralNumber()) {
      throw new IllegalArgumentException("recording.completed needs meetingId, the meeting whose recording is done");
    }
    long meetingId = request.path("meetingId").asLong();
    synchronized (services.state()) {
      Recording recording = services.state().recordings().stream()
          .filter(candidate -> candidate.meetingId() == meetingId && !candidate.visibleFiles().isEmpty())
          .max(Comparator.comparing(Recording::start))
          .orElseThrow(() -> new IllegalArgumentException("meeting " + meetingId + " has no cloud recording"));
      return recording.render(services.origin(), services.state().accountId(), recording.visibleFiles(), false,
          false);
    }
  }

  /** What the endpoint answered. */
  private record Answer(int status, String body) {}

  /**
   * One delivery on a connection of its own. {@code HttpURLConnection} rather than {@code java.net.http}: the latter
   * starts a selector thread that inherits this plugin's protection domains and would keep the plugin in memory after
   * it is unloaded. The body is buffered, not streamed: in streaming mode a 401 answer's body cannot be read.
   */
  private static Answer post(String url, byte[] body, String timestamp, String signature) {
    HttpURLConnection connection = null;
    try {
      URI target = URI.create(url);
      if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
        throw new IllegalArgumentException("'url' must be an http(s) URL, not " + url);
      }
      connection = (HttpURLConnection) target.toURL().openConnection();
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) ANSWER_TIMEOUT.toMillis());
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      connection.setRequestProperty("User-Agent", "Zoom Marketplace/1.0a");
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("x-zm-request-timestamp", timestamp);
      connection.setRequestProperty("x-zm-signature", signature);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = "";
      if (answer != null) {
        try (answer) {
          text = new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return new Answer(status, text);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook could not be delivered to " + url + ": " + e.getMessage(), e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static JsonNode parse(String text) {
    try {
      return SandboxJson.MAPPER.readTree(text);
    } catch (JacksonException e) {
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  private static byte[] hmac(String secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String text(JsonNode request, String name) {
    JsonNode value = request.path(name);
    if (!value.isString() || value.stringValue().isEmpty()) {
      throw new IllegalArgumentException(name + " is required, a string");
    }
    return value.stringValue();
  }
}
