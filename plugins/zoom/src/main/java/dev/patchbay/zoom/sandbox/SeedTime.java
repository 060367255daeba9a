package dev.patchbay.zoom.sandbox;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Times in seed data: an ISO-8601 instant ({@code 2026-01-05T10:00:00Z}) or {@code now} plus or minus an ISO-8601
 * duration ({@code now-P3DT2H}, {@code now+PT30M}). "now" is the sandbox's start rounded down to the hour, so seeded
 * meetings keep tidy times and the default data stays recent however old the seed file is.
 */
final class SeedTime {

  private SeedTime() {}

  static Instant base(Instant start) {
    return start.truncatedTo(ChronoUnit.HOURS);
  }

  static Instant resolve(String text, Instant base) {
    try {
      if (text.equals("now")) {
        return base;
      }
      if (text.startsWith("now+")) {
        return base.plus(Duration.parse(text.substring(4)));
      }
      if (text.startsWith("now-")) {
        return base.minus(Duration.parse(text.substring(4)));
      }
      return Instant.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a time (an ISO-8601 instant, or now±an ISO-8601 duration such as "
          + "now-P3DT2H): " + text, e);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("time out of range: " + text, e);
    }
  }
}
