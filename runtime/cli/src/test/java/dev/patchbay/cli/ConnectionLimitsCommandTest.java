package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code patchbay connections set-limits}: a connection's own rate limits per category of its connector, shown by
 * {@code connections show}; every mistake (a category the connector lacks, a malformed, zero or negative rate) is a
 * usage error naming the rule, and changes nothing.
 */
class ConnectionLimitsCommandTest {

  static final String INTENSIVE = ", resource-intensive 10/min (default)";
  static final String DEFAULTS = "heavy 10/s (default), light 30/s (default), medium 20/s (default)" + INTENSIVE;

  @TempDir
  Path home;

  PatchbayRuntime runtime;
  RunningSandbox sandbox;

  @BeforeEach
  void connect() throws Exception {
    runtime = E2e.runtimeLikeTheCli(home);
    sandbox = E2e.startSandbox(runtime);
    E2e.connect(runtime, sandbox, "server-to-server", "work");
  }

  @AfterEach
  void stop() {
    sandbox.close();
    runtime.close();
  }

  CliRun patchbay(String... args) {
    return CliRun.inHome(home, args);
  }

  String shownLimits() {
    CliRun show = patchbay("connections", "show", "work");
    assertEquals(ExitCode.OK, show.exitCode(), show::toString);
    return show.out().lines().filter(line -> line.startsWith("rateLimits:")).findFirst().orElseThrow()
        .substring("rateLimits:".length()).strip();
  }

  @Test
  void limitsAreSetPerCategoryShownAndReset() throws Exception {
    assertEquals(DEFAULTS, shownLimits());

    CliRun set = patchbay("connections", "set-limits", "work", "--limit", "light=80/s", "--limit", "medium=60/s");
    assertEquals(ExitCode.OK, set.exitCode(), set::toString);
    assertEquals("Rate limits of 'work': heavy 10/s (default), light 80/s, medium 60/s" + INTENSIVE + ".\n",
        set.out());
    assertEquals("heavy 10/s (default), light 80/s, medium 60/s" + INTENSIVE, shownLimits());

    CliRun more = patchbay("connections", "set-limits", "work", "--limit", "heavy=1000/min");
    assertEquals(ExitCode.OK, more.exitCode(), more::toString);
    assertEquals("heavy 1000/min, light 80/s, medium 60/s" + INTENSIVE, shownLimits(), "the others are kept");
    JsonNode json = Json.MAPPER.readTree(patchbay("connections", "show", "work", "--json").out());
    assertEquals("{\"heavy\":\"1000/min\",\"light\":\"80/s\",\"medium\":\"60/s\","
        + "\"resource-intensive\":\"10/min (default)\"}", json.path("rateLimits").toString());

    CliRun reset = patchbay("connections", "set-limits", "work", "--reset");
    assertEquals(ExitCode.OK, reset.exitCode(), reset::toString);
    assertEquals(DEFAULTS, shownLimits());
    CliRun replaced = patchbay("connections", "set-limits", "work", "--reset", "--limit", "light=40/s");
    assertEquals(ExitCode.OK, replaced.exitCode(), replaced::toString);
    assertEquals("heavy 10/s (default), light 40/s, medium 20/s (default)" + INTENSIVE, shownLimits());
  }

  @Test
  void mistakesAreUsageErrorsNamingTheRuleAndChangeNothing() {
    patchbay("connections", "set-limits", "work", "--limit", "light=80/s");

    assertRefused("zoom has no rate-limit category 'ligth' (did you mean 'light'?); its categories are heavy, light, "
        + "medium, resource-intensive; nothing was changed", "--limit", "ligth=100/s", "--limit", "medium=60/s");
    assertRefused("--limit light: '80/sec' is not a rate: write REQUESTS/UNIT with UNIT one of s, min, h, day (for "
        + "example 80/s); nothing was changed", "--limit", "light=80/sec");
    assertRefused("--limit light: '0/s' allows no request: a rate limit allows from 1 to 2147483647 requests per "
        + "period; nothing was changed", "--limit", "light=0/s");
    assertRefused("--limit medium: '-3/min' allows no request: a rate limit allows from 1 to 2147483647 requests "
        + "per period; nothing was changed", "--limit", "medium=-3/min");
    assertRefused("set-limits needs --limit CATEGORY=RATE (e.g. --limit light=80/s) or --reset");
    assertEquals("heavy 10/s (default), light 80/s, medium 20/s (default)" + INTENSIVE, shownLimits());

    CliRun unknown = patchbay("connections", "set-limits", "wrok", "--limit", "light=80/s");
    assertEquals(ExitCode.NOT_FOUND, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("no connection named 'wrok' (did you mean 'work'?)"), unknown::toString);
  }

  private void assertRefused(String message, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "connections";
    args[1] = "set-limits";
    args[2] = "work";
    System.arraycopy(options, 0, args, 3, options.length);
    CliRun run = patchbay(args);
    assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains(message), run::toString);
    assertTrue(run.out().isEmpty(), run::toString);
  }
}
