package dev.patchbay.engine.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link RetryAfter} on generated values (RELIABILITY R27): whatever a provider or a proxy puts in the header, the
 * outcome is a wait or "no usable value", never an exception; every wait it gives is one the retry loop's cap (the
 * activity deadline) and its log line can handle; and well-formed values of each form give exactly their wait.
 */
class RetryAfterFuzzTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  /** What the parser can give at most: twelve digits of seconds, or a date-time at the end of java.time's range. */
  private static final Duration LONGEST = Duration.between(NOW, OffsetDateTime.MAX.toInstant());
  private static final Deadline DEADLINE = Deadline.after(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

  private static final List<String> FRAGMENTS = List.of("0", "1", "9", "-", "+", ".", ",", ":", " ", "\t", "T", "Z",
      "GMT", "UTC", "Mon", "Wed, ", "Jan", "Feb", "+01:00", "-23:59", "+99:99", "P", "PT1S", "e", "E9", "1e3", "0x",
      "\u0663", "\uff11", "\u00a0", "\u2028", "\u0000", "\ud800", "\ud83d\ude00", "999999999999", "9999999999999",
      "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z", "2025-02-30", "24:00", "23:59:60");

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** The property every value is held to; returns the outcome for the callers that know what it must be. */
  private static Optional<Duration> parseChecked(Fuzz fuzz, int index, String value) {
    Optional<Duration> parsed;
    try {
      parsed = RetryAfter.parse(value, NOW);
    } catch (Throwable t) {
      throw new AssertionError(fuzz.where(index, "Retry-After " + quoted(value)) + " threw " + t + "; "
          + fuzz.keep("retry-after", index, value.getBytes(StandardCharsets.UTF_8)), t);
    }
    if (parsed == null) {
      fail(fuzz.where(index, quoted(value)) + ": null instead of an Optional");
    }
    parsed.ifPresent(wait -> {
      String where = fuzz.where(index, quoted(value)) + " gave " + wait;
      assertFalse(wait.isNegative(), where);
      assertTrue(wait.compareTo(LONGEST) <= 0, where);
      try {
        // The retry loop measures the wait against the deadline and names it in its log line.
        assertEquals(wait.compareTo(Duration.ofMinutes(5)) < 0, DEADLINE.allows(wait), where);
        assertFalse(Durations.text(wait).isEmpty(), where);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw new AssertionError(where + ", which the retry loop cannot handle: " + e, e);
      }
    });
    return parsed;
  }

  private static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + " chars)" : value;
    StringBuilder out = new StringBuilder("\"");
    shown.codePoints().forEach(c -> out.append(c >= 32 && c < 127 ? Character.toString(c) : String.format("\\u%04x", c)));
    return out.append('"').toString();
  }

  @Test
  void wellFormedValuesOfEachFormGiveTheirWait() {
    Fuzz fuzz = Fuzz.start();
    for (int i = 0; i < Fuzz.cases(3000); i++) {
      long seconds = fuzz.random.nextInt(4) == 0 ? fuzz.random.nextLong(1_000_000_000_000L)
          : fuzz.random.nextInt(100_000);
      // Dates within four-digit years: an HTTP-date has no more.
      Instant at = NOW.plusSeconds(fuzz.random.nextInt(200_000) - 100_000L);
      Duration expected = at.isAfter(NOW) ? Duration.between(NOW, at) : Duration.ZERO;
      String value;
      switch (fuzz.random.nextInt(4)) {
        case 0 -> {
          value = Long.toString(seconds);
          expected = Duration.ofSeconds(seconds);
        }
        case 1 -> value = HTTP_DATE.format(at.atOffset(ZoneOffset.UTC));
        case 2 -> value = at.atOffset(ZoneOffset.ofHours(fuzz.between(-12, 15))).toString();
        default -> value = LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
      }
      String padded = " ".repeat(fuzz.random.nextInt(2)) + value + "\t".repeat(fuzz.random.nextInt(2));
      assertEquals(Optional.of(expected), parseChecked(fuzz, i, padded), fuzz.where(i, quoted(padded)));
    }
  }

  @Test
  void mutatedAndRandomValuesGiveAWaitOrNothing() {
    Fuzz fuzz = Fuzz.start();
    for (int i = 0; i < Fuzz.cases(6000); i++) {
      parseChecked(fuzz, i, generated(fuzz));
    }
  }

  /** Values an out-of-spec provider or a broken proxy could send, valid ones mutated among them. */
  private static String generated(Fuzz fuzz) {
    Instant at = NOW.plusSeconds(fuzz.random.nextLong(-10_000_000_000L, 10_000_000_000L));
    String valid = switch (fuzz.random.nextInt(4)) {
      case 0 -> Long.toString(fuzz.random.nextLong());
      case 1 -> HTTP_DATE.format(at.atOffset(ZoneOffset.UTC));
      case 2 -> at.toString();
      default -> LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    };
    return switch (fuzz.random.nextInt(6)) {
      case 0 -> mutate(fuzz, valid);
      case 1 -> {
        StringBuilder soup = new StringBuilder();
        for (int n = fuzz.random.nextInt(8); n >= 0; n--) {
          soup.append(fuzz.pick(FRAGMENTS));
        }
        yield soup.toString();
      }
      case 2 -> {
        char[] chars = new char[fuzz.random.nextInt(60)];
        for (int c = 0; c < chars.length; c++) {
          chars[c] = (char) fuzz.random.nextInt(fuzz.random.nextBoolean() ? 128 : 0x10000);
        }
        yield new String(chars);
      }
      // Numbers out of range: more digits than fit, signs, exponents, fractions.
      case 3 -> fuzz.pick(List.of("-", "+", "", "0", "00")) + "9".repeat(fuzz.between(1, 40))
          + fuzz.pick(List.of("", ".5", "e3", "s", " seconds"));
      // Very long values: the parser must not take time or memory beyond the value's size.
      case 4 -> fuzz.pick(List.of("1", " ", "Wed, ", "2025-")).repeat(fuzz.between(1_000, 20_000));
      default -> mutate(fuzz, mutate(fuzz, valid));
    };
  }

  private static String mutate(Fuzz fuzz, String valid) {
    StringBuilder text = new StringBuilder(valid);
    int at = text.isEmpty() ? 0 : fuzz.random.nextInt(text.length());
    switch (fuzz.random.nextInt(5)) {
      case 0 -> text.insert(at, fuzz.pick(FRAGMENTS));
      case 1 -> text.delete(at, Math.min(text.length(), at + fuzz.between(1, 6)));
      case 2 -> text.setLength(at);
      case 3 -> {
        if (!text.isEmpty()) {
          text.setCharAt(at, (char) fuzz.between(32, 127));
        }
      }
      default -> text.insert(at, text.substring(at, Math.min(text.length(), at + fuzz.between(1, 10))));
    }
    return text.toString();
  }

  /** Interesting values found or written by hand; one a line in test resources fuzz/retry-after/. */
  @Test
  void regressionCorpus() throws IOException {
    Fuzz fuzz = Fuzz.start();
    int index = 0;
    for (Path file : Fuzz.corpus("retry-after")) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        parseChecked(fuzz, index++, line);
      }
    }
    assertTrue(index > 20, "the corpus is there: " + index + " values");
  }
}
