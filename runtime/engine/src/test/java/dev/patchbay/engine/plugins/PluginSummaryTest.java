package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.activities.PluginCallHealth;
import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listings show a quarantined plugin as such, not as ACTIVE, with its stuck calls. */
class PluginSummaryTest {

  private final PluginReport active = new PluginReport(Path.of("/plugins/zoom.zip"), "zoom", "1.2.0",
      PluginStatus.ACTIVE, List.of("zoom"), null);

  @Test
  void aQuarantinedPluginIsListedAsQuarantinedWithItsEndAndLastFailure() {
    PluginSummary summary = PluginSummary.of(active, new PluginCallHealth(new CircuitBreaker.Open(5,
        "zoom/meetings.list kept running 10 s past its deadline", Instant.parse("2026-12-07T14:31:00Z"),
        Duration.ofSeconds(42)), 3));

    assertEquals(new PluginSummary("zoom.zip", "zoom", "1.2.0", "QUARANTINED", List.of("zoom"),
        "its last 5 calls failed inside its own code (the last: zoom/meetings.list kept running 10 s past its "
            + "deadline)", "2026-12-07T14:31:00Z", 3), summary);
  }

  @Test
  void aHealthyPluginIsListedByItsStatus() {
    assertEquals("ACTIVE", PluginSummary.of(active, new PluginCallHealth(null, 0)).state());
    assertEquals(PluginSummary.of(active), PluginSummary.of(active, new PluginCallHealth(null, 0)));
  }
}
