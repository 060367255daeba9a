package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CatalogCommandsTest {

  @TempDir
  Path home;

  @BeforeEach
  void installZoom() {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
  }

  CliRun patchbay(String... args) {
    return CliRun.inHome(home, args);
  }

  @Test
  void connectorsList() {
    CliRun run = patchbay("connectors", "list");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("""
        ID    NAME  VERSION  OPERATIONS  AUTH TYPES                        PLUGIN
        zoom  Zoom  1.0.0    12          oauth,byo-oauth,server-to-server  %s
        """.formatted(BuiltPlugins.zoomZip().getFileName()), run.out());
    assertEquals("", run.err());
  }

  @Test
  void connectorsListAsJson() {
    CliRun run = patchbay("connectors", "list", "--json");

    JsonNode list = Json.MAPPER.readTree(run.out());
    assertEquals(1, list.size());
    assertEquals("zoom", list.get(0).get("id").asString());
    assertEquals(12, list.get(0).get("operations").asInt());
    assertEquals("[\"oauth\",\"byo-oauth\",\"server-to-server\"]", list.get(0).get("authTypes").toString());
  }

  @Test
  void connectorsShowZoom() {
    CliRun run = patchbay("connectors", "show", "zoom");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("Zoom (zoom) 1.0.0\n"), run.out());
    assertTrue(run.out().matches(
        "(?s).*\\n  --field-stdin clientSecret \\(or PATCHBAY_FIELD_CLIENT_SECRET\\) +required, secret +Client Secret.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*\\n  byo-oauth +Bring your own OAuth 2\\.0 app +oauth2-authorization-code\\n.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*\\n  meetings\\.create +Create a meeting +light +no +meeting:write \\| .*"),
        run.out());
    assertTrue(run.out().contains("  user_info:read "), run.out());
    assertTrue(run.out().contains("Webhook events (received at /webhooks/zoom; trigger: {event: zoom/EVENT})\n"),
        run.out());
    assertTrue(run.out().matches("(?s).*\\n  recording\\.completed +Every cloud recording file of a meeting .*"),
        run.out());
  }

  @Test
  void connectorsShowJsonIsTheDefinition() throws IOException {
    CliRun run = patchbay("connectors", "show", "zoom", "--json");

    assertEquals(Json.MAPPER.readTree(Files.readString(BuiltPlugins.ZOOM_DEFINITION)), Json.MAPPER.readTree(run.out()));
  }

  /** Issue 16, item 17: an operation's input fields without --json. */
  @Test
  void connectorsShowAnOperationListsItsInputFields() {
    CliRun run = CliRun.inHome(home, "connectors", "show", "zoom", "meetings.create");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("zoom/meetings.create  Create a meeting\n"), run.out());
    assertTrue(run.out().contains("\nNeeds one of: meeting:write | meeting:write:admin | "), run.out());
    assertTrue(run.out().matches("(?s).*\\n  FIELD +TYPE +REQUIRED +DEFAULT +DESCRIPTION\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n  userId +string +no +\"me\" +Whose meetings.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n  recurrence\\.type +integer +yes +- +Recurrence: .* One of: 1, 2, 3\\..*"),
        run.out());
    assertTrue(run.out().matches("(?s).*\\n  recurrence\\.end_date_time +string \\(date-time\\) +no .*"), run.out());
  }

  @Test
  void aMistypedOperationIsNotFoundWithADidYouMean() {
    CliRun run = CliRun.inHome(home, "connectors", "show", "zoom", "meetings.creat");

    assertEquals(ExitCode.NOT_FOUND, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("error: connector 'zoom' has no operation 'meetings.creat' (did you mean "
        + "'meetings.create'?); its operations: users.getCurrent, "), run.err());
  }

  @Test
  void unknownConnectorIsNotFound() {
    CliRun run = patchbay("connectors", "show", "slack");

    assertEquals(ExitCode.NOT_FOUND, run.exitCode());
    assertEquals("error: no connector 'slack' in the catalog; known: zoom\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void pluginsListShowsABrokenPluginNextToAGoodOne() throws IOException {
    Files.writeString(home.resolve("plugins").resolve("broken.zip"), "not a zip");

    CliRun run = patchbay("plugins", "list");

    assertEquals(1, run.exitCode(), "a FAILED plugin makes the listing fail: " + run);
    String[] lines = run.out().split("\n");
    assertEquals(4, lines.length, run.out());
    assertTrue(lines[1].matches("broken\\.zip +- +- +FAILED +not a readable zip archive.*"), lines[1]);
    assertTrue(lines[2].matches("zoom-.*\\.zip +zoom +\\S+ +ACTIVE +zoom"), lines[2]);
    assertEquals("Admission: no admission policy (" + home.resolve("config/plugins.properties") + " does not exist): "
        + "every plugin is admitted", lines[3]);

    CliRun connectors = patchbay("connectors", "list");
    assertEquals(0, connectors.exitCode());
    assertEquals("warning: 1 plugin failed to load (broken.zip); see 'patchbay plugins list'\n", connectors.err());
  }

  @Test
  void pluginsListAsJsonKeepsExitZeroWithAFailedPlugin() throws IOException {
    Files.writeString(home.resolve("plugins").resolve("broken.zip"), "not a zip");

    CliRun run = patchbay("plugins", "list", "--json");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("FAILED", Json.MAPPER.readTree(run.out()).get(0).get("state").asString());
  }

  @Test
  void pluginsListAsJson() {
    JsonNode list = Json.MAPPER.readTree(patchbay("plugins", "list", "--json").out());

    assertEquals("zoom", list.get(0).get("id").asString());
    assertEquals("ACTIVE", list.get(0).get("state").asString());
    assertTrue(list.get(0).get("error").isNull());
  }

  @Test
  void pluginsFlagReplacesTheDefaultFolders() throws IOException {
    Path empty = Files.createDirectories(home.resolve("elsewhere"));

    CliRun run = patchbay("connectors", "list", "--plugins", empty.toString());

    assertEquals("No connectors. Drop a connector plugin zip into " + home.resolve("plugins") + ", or a declarative "
        + "definition (*.json) into " + home.resolve("connectors") + "\n", run.out());
  }
}
