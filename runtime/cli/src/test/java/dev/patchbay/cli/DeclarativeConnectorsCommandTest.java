package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declarative GitHub and Slack connectors from the command line: listed, shipped, validated. */
class DeclarativeConnectorsCommandTest {

  private static final Path DEFINITIONS = Path.of("..", "..", "connector-defs");

  @TempDir
  Path home;

  @Test
  void bareDefinitionsAreListedAsConnectors() throws IOException {
    Path connectors = Files.createDirectories(home.resolve("connectors"));
    Files.copy(DEFINITIONS.resolve("github.json"), connectors.resolve("github.json"));
    Files.copy(DEFINITIONS.resolve("slack.json"), connectors.resolve("slack.json"));

    CliRun run = CliRun.inHome(home, "connectors", "list");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("""
        ID      NAME    VERSION  OPERATIONS  AUTH TYPES       PLUGIN
        github  GitHub  1.0.0    7           token,oauth      github.json
        slack   Slack   1.0.0    5           bot-token,oauth  slack.json
        """, run.out());
    assertEquals("", run.err());
    CliRun show = CliRun.inHome(home, "connectors", "show", "github");
    assertTrue(show.out().contains("issues.create"), show.out());
  }

  @Test
  void aHomeDefinitionShadowsTheShippedOne() throws IOException {
    Path shipped = Files.createDirectories(home.resolve("dist/connectors")).resolve("github.json");
    Files.copy(DEFINITIONS.resolve("github.json"), shipped);
    Path own = Files.createDirectories(home.resolve("connectors")).resolve("github.json");
    Files.writeString(own, Files.readString(DEFINITIONS.resolve("github.json"))
        .replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""));
    String previous = System.setProperty(RuntimeOptions.APP_HOME_PROPERTY, home.resolve("dist").toString());
    try {
      CliRun plugins = CliRun.inHome(home, "plugins", "list");
      assertEquals(0, plugins.exitCode(), plugins.toString());
      assertTrue(plugins.out().matches("(?s).*\\ngithub\\.json +github +1\\.1\\.0 +ACTIVE +github\\n"
          + "github\\.json +github +1\\.0\\.0 +SHADOWED +connector id 'github' is already defined by "
          + java.util.regex.Pattern.quote(own.toString()) + "\\n.*"), plugins.out());

      CliRun connectors = CliRun.inHome(home, "connectors", "list");
      assertEquals(0, connectors.exitCode(), connectors.toString());
      assertEquals("", connectors.err());
      assertTrue(connectors.out().contains("\ngithub  GitHub  1.1.0 "), connectors.out());
    } finally {
      if (previous == null) {
        System.clearProperty(RuntimeOptions.APP_HOME_PROPERTY);
      } else {
        System.setProperty(RuntimeOptions.APP_HOME_PROPERTY, previous);
      }
    }
  }

  @Test
  void theDistributionShipsThem() {
    Path shipped = Path.of("target", "patchbay", "connectors");
    assertTrue(Files.isRegularFile(shipped.resolve("github.json")), "run the build first (mvn verify): " + shipped);
    assertTrue(Files.isRegularFile(shipped.resolve("slack.json")), shipped.toString());
  }

  @Test
  void definitionsAreValidAndWarnAboutRulesThatCanNeverMatch() throws IOException {
    CliRun valid = CliRun.of("definitions", "validate", DEFINITIONS.resolve("github.json").toString(),
        DEFINITIONS.resolve("slack.json").toString());
    assertEquals(0, valid.exitCode(), valid.toString());
    assertEquals("", valid.err());

    String github = Files.readString(DEFINITIONS.resolve("github.json"));
    // A plain 403 rule before the rate-limit one: the rate-limit rule can never match.
    Path shadowed = Files.writeString(home.resolve("shadowed.json"), github.replace("\"errors\": [",
        "\"errors\": [\n    {\"httpStatus\": 403, \"code\": \"PERMISSION_DENIED\", \"remediation\": \"Ask.\"},"));

    CliRun warned = CliRun.of("definitions", "validate", shadowed.toString());

    assertEquals(0, warned.exitCode(), warned.toString());
    assertTrue(warned.err().contains("warning: " + shadowed + ": /errors/2: can never match: /errors/0 states no "
        + "condition this rule does not, so it always matches first"), warned.err());
  }
}
