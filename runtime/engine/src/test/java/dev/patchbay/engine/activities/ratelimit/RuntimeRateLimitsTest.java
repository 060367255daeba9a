package dev.patchbay.engine.activities.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime builder's limits per connector: below a connection's own, above the definition's, checked at start. */
class RuntimeRateLimitsTest {

  static final Path DEFINITIONS = Path.of(System.getProperty("connector.defs", "../../connector-defs"));

  @TempDir
  Path home;

  @BeforeEach
  void dropGitHub() throws Exception {
    Files.copy(DEFINITIONS.resolve("github.json"),
        Files.createDirectories(home.resolve("connectors")).resolve("github.json"));
  }

  PatchbayRuntime.Builder builder() {
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).environment(Map.of());
  }

  @Test
  void theRuntimesLimitIsBelowTheConnectionsAndAboveTheDefinitions() {
    try (PatchbayRuntime runtime = builder().rateLimit("github", "core", RateLimit.perSecond(100)).start()) {
      Connection plain = RateLimitersTest.connection("c1", "github", Map.of());
      assertEquals(Map.of("core", "100/s (runtime)", "search", "30/min (default)"), runtime.rateLimits(plain));
      assertEquals(Map.of("core", "100/s (runtime)", "search", "60/min"),
          runtime.rateLimits(plain.withRateLimits(Map.of("search", RateLimit.perMinute(60)))));
    }
  }

  @Test
  void aCategoryTheConnectorLacksIsRefusedAtStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder().rateLimit("github", "cores", RateLimit.perSecond(100)).start());
    assertEquals("rate limit for github: github has no rate-limit category 'cores' (did you mean 'core'?); its "
        + "categories are core, search", e.getMessage());
  }
}
