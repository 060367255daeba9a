package dev.patchbay.zoom.webhooks;

import dev.patchbay.api.webhooks.WebhookKey;
import dev.patchbay.api.webhooks.WebhookRejectedException;
import dev.patchbay.api.webhooks.WebhookRequest;
import dev.patchbay.api.webhooks.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Zoom's signature: {@code x-zm-signature: v0=HEX(HMAC-SHA256(secret token, "v0:" + x-zm-request-timestamp + ":" +
 * raw body))}, the timestamp in Unix seconds. Header values are never echoed in a refusal: they are the sender's
 * text, and a log is no place for it.
 */
public final class ZoomSignature implements WebhookSignature {

  static final String SIGNATURE_HEADER = "x-zm-signature";
  static final String TIMESTAMP_HEADER = "x-zm-request-timestamp";
  private static final String PREFIX = "v0=";
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

  @Override
  public Verified verify(WebhookRequest request, WebhookKey key) throws WebhookRejectedException {
    String timestamp = request.header(TIMESTAMP_HEADER).orElseThrow(() -> new WebhookRejectedException(
        "the " + TIMESTAMP_HEADER + " header is missing"));
    String signature = request.header(SIGNATURE_HEADER).orElseThrow(() -> new WebhookRejectedException(
        "the " + SIGNATURE_HEADER + " header is missing"));
    if (!SECONDS.matcher(timestamp).matches()) {
      throw new WebhookRejectedException("the " + TIMESTAMP_HEADER + " header must be a time in Unix seconds");
    }
    if (!signature.startsWith(PREFIX) || !HEX_SHA256.matcher(signature.substring(PREFIX.length())).matches()) {
      throw new WebhookRejectedException("the " + SIGNATURE_HEADER + " header must be v0= followed by 64 hex "
          + "digits");
    }
    byte[] given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
    if (!MessageDigest.isEqual(key.hmacSha256(signedMessage(timestamp, request.body())), given)) {
      throw new WebhookRejectedException("the " + SIGNATURE_HEADER + " header does not match the body: it was "
          + "signed with another secret token, or the body changed on the way");
    }
    return new Verified(Instant.ofEpochSecond(Long.parseLong(timestamp)), PREFIX + HexFormat.of().formatHex(given));
  }

  /** {@code v0:TIMESTAMP:BODY}, the body's bytes as they arrived. */
  static byte[] signedMessage(String timestamp, byte[] body) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    message.writeBytes(body);
    return message.toByteArray();
  }
}
