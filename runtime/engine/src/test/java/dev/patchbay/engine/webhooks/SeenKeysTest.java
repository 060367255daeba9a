package dev.patchbay.engine.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Remembered keys: bounded by a cap that forgets the oldest first, and by the window. */
class SeenKeysTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

  @Test
  void pastTheCapTheOldestKeyIsForgotten() {
    SeenKeys keys = new SeenKeys(3, Duration.ofMinutes(90), clock);
    for (int i = 1; i <= 4; i++) {
      keys.add("k" + i, "e" + i);
    }
    assertEquals(3, keys.size());
    assertTrue(keys.eventOf("k1").isEmpty());
    assertEquals(Optional.of("e2"), keys.eventOf("k2"));
    assertEquals(Optional.of("e4"), keys.eventOf("k4"));
    for (int i = 5; i <= 10_000; i++) {
      keys.add("k" + i, "e" + i);
    }
    assertEquals(3, keys.size());
  }

  @Test
  void aKeyIsForgottenOnceOlderThanTheWindow() {
    SeenKeys keys = new SeenKeys(10, Duration.ofMinutes(90), clock);
    keys.add("old", "e1");
    clock.advance(Duration.ofMinutes(60));
    keys.add("new", "e2");
    clock.advance(Duration.ofMinutes(30));
    assertEquals(Optional.of("e1"), keys.eventOf("old"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(keys.eventOf("old").isEmpty());
    assertEquals(Optional.of("e2"), keys.eventOf("new"));
    assertEquals(1, keys.size());
  }
}
