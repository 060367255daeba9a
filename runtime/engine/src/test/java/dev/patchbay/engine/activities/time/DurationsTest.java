package dev.patchbay.engine.activities.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PT0.25S  | 250 ms",
      "PT1S     | 1 s",
      "PT1.2S   | 2 s",
      "PT119S   | 119 s",
      "PT2M     | 2 min",
      "PT5M30S  | 5 min 30 s",
      "PT2H     | 2 h",
      "PT24H    | 24 h",
      "PT2H0M1S | 2 h 1 min"})
  void readsAsAPersonWouldSayIt(Duration duration, String text) {
    assertEquals(text, Durations.text(duration));
  }
}
