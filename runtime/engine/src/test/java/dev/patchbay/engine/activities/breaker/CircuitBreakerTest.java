package dev.patchbay.engine.activities.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterTheThresholdAndLetsOneTrialThroughAfterTheWait() {
    assertFalse(breaker.failed("a"));
    assertFalse(breaker.failed("b"));
    assertTrue(breaker.failed("c"));

    CircuitBreaker.Open open = breaker.admit().orElseThrow();
    assertEquals(new CircuitBreaker.Open(3, "c", Instant.parse("2026-11-29T10:00:30Z"), Duration.ofSeconds(30)),
        open);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(20), breaker.admit().orElseThrow().retryAfter());

    clock.advance(Duration.ofSeconds(20));
    assertTrue(breaker.admit().isEmpty(), "the trial");
    assertTrue(breaker.admit().isPresent(), "only one trial at a time");
    breaker.succeeded();
    assertTrue(breaker.admit().isEmpty());
  }

  @Test
  void aFailedTrialOpensItAgainAndAReleasedOneLetsAnotherGo() {
    for (int i = 0; i < 3; i++) {
      breaker.failed("down");
    }
    clock.advance(Duration.ofSeconds(30));
    assertTrue(breaker.admit().isEmpty());
    breaker.released();
    assertTrue(breaker.admit().isEmpty(), "a trial that came to no verdict does not block the next");

    assertTrue(breaker.failed("still down"));
    assertEquals(Instant.parse("2026-11-29T10:01:00Z"), breaker.admit().orElseThrow().until());
  }

  @Test
  void aSuccessStartsTheCountAgain() {
    breaker.failed("a");
    breaker.failed("b");
    breaker.succeeded();
    assertFalse(breaker.failed("c"));
    assertFalse(breaker.failed("d"));
    assertTrue(breaker.admit().isEmpty());
  }
}
