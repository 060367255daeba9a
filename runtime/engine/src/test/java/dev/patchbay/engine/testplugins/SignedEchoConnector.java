package dev.patchbay.engine.testplugins;

import dev.patchbay.api.webhooks.WebhookEvent;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import dev.patchbay.api.webhooks.WebhookSignature;
import dev.patchbay.api.webhooks.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The echo connector receiving webhooks signed the simplest way: {@code x-echo-signature: HEX(HMAC(secret,
 * TIMESTAMP + "." + BODY))}, {@code x-echo-timestamp} in Unix seconds. A body {@code {"event":"challenge","token":T}}
 * is the endpoint check (answer {@code {"answer": HEX(HMAC(secret, T))}}); an event is {@code {event, id, account}};
 * the header {@code x-echo-explode} makes the plugin's code throw, and an event with {@code "embed": true} comes back
 * holding a Java object, which the host must refuse.
 */
public class SignedEchoConnector extends EchoConnector {

  @Override
  public Optional<Webhooks> webhooks() {
    WebhookSignature signature = (request, key) -> {
      if (request.header("x-echo-explode").isPresent()) {
        throw new IllegalStateException("the plugin exploded");
      }
      String timestamp = request.header("x-echo-timestamp").orElseThrow(() -> new WebhookRejectedException(
          "x-echo-timestamp is missing"));
      String given = request.header("x-echo-signature").orElseThrow(() -> new WebhookRejectedException(
          "x-echo-signature is missing"));
      byte[] body = request.body();
      byte[] message = new byte[timestamp.length() + 1 + body.length];
      System.arraycopy((timestamp + ".").getBytes(StandardCharsets.UTF_8), 0, message, 0, timestamp.length() + 1);
      System.arraycopy(body, 0, message, timestamp.length() + 1, body.length);
      String expected = HexFormat.of().formatHex(key.hmacSha256(message));
      if (!java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
          given.getBytes(StandardCharsets.UTF_8))) {
        throw new WebhookRejectedException("x-echo-signature does not match");
      }
      return new WebhookSignature.Verified(Instant.ofEpochSecond(Long.parseLong(timestamp)), given);
    };
    return Optional.of(new Webhooks(signature,
        (body, key) -> {
          if (!"challenge".equals(body.path("event").asString(null))) {
            return Optional.empty();
          }
          if (!body.path("token").isString()) {
            throw new WebhookRejectedException("a challenge needs 'token'");
          }
          return Optional.of(JsonNodeFactory.instance.objectNode().put("answer", HexFormat.of().formatHex(
              key.hmacSha256(body.path("token").stringValue().getBytes(StandardCharsets.UTF_8)))));
        },
        body -> {
          if (!body.path("event").isString() || !body.path("id").isString() || !body.path("account").isString()) {
            throw new WebhookRejectedException("an echo event needs 'event', 'id' and 'account', strings");
          }
          JsonNode read = body;
          if (body.path("embed").asBoolean(false)) {
            ObjectNode embedding = (ObjectNode) body.deepCopy();
            read = embedding.set("trace", JsonNodeFactory.instance.pojoNode(new StringBuilder("a plugin object")));
          }
          return new WebhookEvent(body.path("event").stringValue(), body.path("account").stringValue(),
              body.path("id").stringValue(), Instant.EPOCH, read);
        }));
  }
}
