package dev.patchbay.engine.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "0                             | PT0S",
      "120                           | PT2M",
      "' 7 '                         | PT7S",
      "Wed, 01 Jan 2025 00:00:30 GMT | PT30S",
      "2025-01-02T00:00:00Z          | PT24H",
      "2025-01-01T01:00:00+01:00     | PT0S",
      "2025-01-01T00:01:00.500Z      | PT1M0.5S",
      "2025-01-01T00:00:10           | PT10S",
      "Tue, 31 Dec 2024 23:00:00 GMT | PT0S"})
  void readsSecondsHttpDatesAndIsoDateTimes(String value, Duration expected) {
    assertEquals(Optional.of(expected), RetryAfter.parse(value, NOW));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"soon", "-5", "1.5", "9999999999999", "Wed, 32 Jan 2025 00:00:00 GMT", "2025-13-01T00:00:00Z",
      "P1D"})
  void unreadableValuesAreAbsent(String value) {
    assertEquals(Optional.empty(), RetryAfter.parse(value, NOW));
  }

  @Test
  void arbitraryTextNeverThrows() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      char[] text = new char[random.nextInt(40)];
      for (int c = 0; c < text.length; c++) {
        text[c] = (char) (32 + random.nextInt(95));
      }
      RetryAfter.parse(new String(text), NOW);
    }
  }
}
