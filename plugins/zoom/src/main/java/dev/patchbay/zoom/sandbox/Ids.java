package dev.patchbay.zoom.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Random identifiers and secrets shaped like Zoom's. */
final class Ids {

  private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final SecureRandom random = new SecureRandom();

  /** An opaque token (access token, refresh token, code, page token) of the given entropy. */
  String token(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** A user or account id: 22 URL-safe characters, like {@code KDcuGIm1QgePTO8WbOqwIQ}. */
  String zoomId() {
    return token(16).replace('-', 'x').replace('_', 'Q');
  }

  /**
   * A meeting instance UUID: standard Base64 of 16 bytes, like {@code aDYlohsHRtCd4ii1uC2+hA==}. Some start with "/" or
   * contain "//", exactly the ones Zoom wants double-encoded in paths.
   */
  String meetingUuid() {
    byte[] value = new byte[16];
    random.nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }

  /** An 11-digit meeting number: above 2^32, as Zoom's are, so clients must keep it as a 64-bit integer. */
  long meetingNumber() {
    return 80_000_000_000L + (long) (random.nextDouble() * 19_999_999_999L);
  }

  /** A 10-digit personal meeting id. */
  long personalMeetingId() {
    return 2_000_000_000L + (long) (random.nextDouble() * 7_999_999_999L);
  }

  String fileId() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  String digits(int length) {
    StringBuilder digits = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  String alphanumeric(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }
}
