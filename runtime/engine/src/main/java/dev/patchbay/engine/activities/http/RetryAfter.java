package dev.patchbay.engine.activities.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code Retry-After} header in any of the forms providers send: delay seconds and HTTP-date
 * (RFC 9110), and an ISO-8601 date-time (Zoom's daily limit). Never throws: a value it cannot read is absent.
 */
final class RetryAfter {

  private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

  private RetryAfter() {}

  /** The wait the value asks for, counted from {@code now}; zero for a time already past. */
  static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (SECONDS.matcher(text).matches()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    return instant(text).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException notHttpDate) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeException notOffsetDateTime) {
        try {
          // A date-time without an offset: the providers that send one mean UTC.
          return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException unreadable) {
          return Optional.empty();
        }
      }
    }
  }
}
