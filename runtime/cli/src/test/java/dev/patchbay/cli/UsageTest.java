package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsageTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "runs", "runs list", "runs show", "connectors", "connectors list",
      "connectors show", "connections", "connections add", "connections list", "connections show", "connections test",
      "connections reauth", "connections remove", "activity", "activity run", "sandbox", "sandbox start", "plugins",
      "plugins list", "plugins pin", "definitions", "definitions validate", "serve", "webhooks", "webhooks secret",
      "store", "store copy", "worker"})
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    CliRun run = CliRun.of(args);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("Usage: patchbay"), run.out());
  }

  /** Issue 16, item 8: the sandbox's control options are found where a user looks, not only in its source. */
  @Test
  void sandboxStartHelpNamesTheControlOptions() {
    CliRun run = CliRun.of("sandbox", "start", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("/_sandbox/control"), run.out());
    for (String option : new String[] {"latencyMillis", "downloadBytesPerSecond", "serverErrors", "ranged=true"}) {
      assertTrue(run.out().contains(option), option + " in " + run.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().startsWith("error: a command is required"), run.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("connectors", "list", "--jsno");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().startsWith("error: Unknown option: '--jsno'"), run.err());
    assertTrue(run.err().contains("Possible solutions: --json"), run.err());
    assertTrue(run.err().endsWith("See 'patchbay connectors list --help'.\n"), run.err());
  }

  /** Issue 16, item 19: one line saying what is wrong and where to read more, not the whole usage. */
  @Test
  void aMissingOptionValueIsOneLineNotTheUsage() {
    CliRun run = CliRun.of("activity", "run", "zoom/meetings.create", "--connection");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertEquals("error: Missing required parameter for option '--connection' (NAME)\n"
        + "See 'patchbay activity run --help'.\n", run.err());
  }

  /** Issue 16, item 19: a map option without {@code =} names its form and an example, in our words. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "run x.yaml --connection big|patchbay run|--connection takes CONNECTOR=NAME (zoom=work); got 'big'",
      "run x.yaml --input topic|patchbay run|--input takes NAME=VALUE (topic=Standup); got 'topic'",
      "connections add zoom --auth byo-oauth --name n --field clientId|patchbay connections add"
          + "|--field takes KEY=VALUE (clientId=abc123); got 'clientId'",
      "connections set-limits work --limit light|patchbay connections set-limits"
          + "|--limit takes CATEGORY=RATE (light=80/s); got 'light'"})
  void aMapOptionWithoutEqualsSaysItsFormInOneLine(String command, String qualified, String message) {
    CliRun run = CliRun.of(command.split(" "));

    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertEquals("error: " + message + "\nSee '" + qualified + " --help'.\n", run.err());
  }

  @Test
  void aWorkerShowsAndRequiresTheTemporalServiceItPolls() {
    String help = CliRun.of("worker", "--help").out();
    assertTrue(help.startsWith("Usage: patchbay worker "), help);
    assertTrue(help.contains(" --temporal=HOST:PORT "), help);
    assertFalse(help.contains("[--temporal=HOST:PORT]"), help);
    // run takes it as an option: without it, the run is local.
    String runHelp = CliRun.of("run", "--help").out();
    assertTrue(runHelp.contains("[--temporal=HOST:PORT]"), runHelp);

    CliRun without = CliRun.of("worker");
    assertEquals(ExitCode.USAGE, without.exitCode(), without::toString);
    assertEquals("error: Missing required option: '--temporal=HOST:PORT'\nSee 'patchbay worker --help'.\n",
        without.err());
  }

  @Test
  void missingArgumentIsAUsageError() {
    CliRun run = CliRun.of("definitions", "validate");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("Missing required parameter"), run.err());
  }

  @Test
  void runNeedsAWorkflowOrAResume() {
    CliRun run = CliRun.of("run");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("Missing required argument"), run.err());
  }

  @Test
  void groupCommandsNameTheirSubcommands() {
    CliRun run = CliRun.of("connections");

    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().startsWith("error: a subcommand is required: add, list, show, test, reauth, remove"),
        run.err());
  }

  @Test
  void version() {
    CliRun run = CliRun.of("--version");

    assertTrue(run.out().matches("patchbay \\d+\\.\\d+\\.\\d+\\S*\\n"), run.out());
  }
}
