package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.PluginChange;
import dev.patchbay.engine.testing.ActivityGate;
import dev.patchbay.engine.testing.FileTrees;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.MismatchedConnector;
import dev.patchbay.engine.testing.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins dropped in, replaced and removed while the runtime runs and activities are running in them, through the
 * real PF4J path: zips in a temporary plugins folder, reloaded through {@code runtime.plugins()}.
 */
class HotPluginReloadTest {

  @TempDir
  Path home;

  HotPluginFixture fixture;
  Catalog catalog;

  @BeforeEach
  void start() {
    fixture = new HotPluginFixture(home);
    catalog = fixture.runtime.catalog();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  Path load(String version) {
    Path zip = HotPluginFixture.echo(version).writeTo(fixture.plugins(), "echo.zip");
    PluginChange change = fixture.runtime.plugins().reload(zip);
    assertTrue(change.kind() == PluginChange.Kind.LOADED || change.kind() == PluginChange.Kind.REPLACED,
        change.toString());
    return zip;
  }

  @Test
  void droppedPluginJoinsTheCatalogWithoutARestart() throws Exception {
    assertTrue(catalog.connectors().isEmpty());

    Path zip = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    PluginChange change = fixture.runtime.plugins().reload(zip);

    assertEquals(new PluginChange(PluginChange.Kind.LOADED, zip, "echo", "1.0.0", null, null), change);
    assertEquals("1.0.0", catalog.connector("echo").orElseThrow().definition().version());
    assertEquals(List.of(new PluginReport(zip, "echo", "1.0.0", PluginStatus.ACTIVE, List.of("echo"), null)),
        catalog.plugins());
    assertEquals("hi from 1.0.0", fixture.echoCall("hi"));
    assertEquals(List.of(change), fixture.changes);
    assertEquals(PluginChange.Kind.UNCHANGED, fixture.runtime.plugins().reload(zip).kind(),
        "reloading the same content does nothing");
  }

  @Test
  void replacedPluginServesNewCallsWhileTheOldVersionFinishesItsRunningActivity() throws Exception {
    load("1.0.0");
    Path oldFolder = onlyUnpackedFolder();
    ActivityGate gate = ActivityGate.close("replace-held");
    CompletableFuture<String> held = fixture.callHeldInside(gate, "replace-held");

    PluginChange change = fixture.runtime.plugins().reload(
        HotPluginFixture.echo("2.0.0").writeTo(fixture.plugins(), "echo.zip"));

    assertEquals(PluginChange.Kind.REPLACED, change.kind());
    assertEquals("1.0.0", change.previousVersion());
    assertEquals("2.0.0", catalog.connector("echo").orElseThrow().definition().version());
    assertEquals("new from 2.0.0", fixture.echoCall("new"), "new calls go to the new version at once");
    List<PluginReport> reports = catalog.plugins();
    assertEquals(List.of(PluginStatus.ACTIVE, PluginStatus.DRAINING),
        reports.stream().map(PluginReport::status).toList());
    assertEquals("2.0.0", reports.get(0).version());
    assertEquals("1.0.0", reports.get(1).version());
    assertEquals("replaced by echo 2.0.0 (echo.zip); unloaded when its running activities finish",
        reports.get(1).error());
    assertFalse(held.isDone());
    assertTrue(fixture.changes(PluginChange.Kind.UNLOADED).isEmpty(), "nothing is unloaded under a running call");
    assertTrue(Files.exists(oldFolder));

    gate.open();

    assertEquals("replace-held from 1.0.0", held.join(), "the held call finishes in the version it started in");
    HotPluginFixture.await("the old version unloaded", () -> !fixture.changes(PluginChange.Kind.UNLOADED).isEmpty());
    PluginChange unloaded = fixture.changes(PluginChange.Kind.UNLOADED).get(0);
    assertEquals("1.0.0", unloaded.version());
    assertEquals(List.of(PluginStatus.ACTIVE), catalog.plugins().stream().map(PluginReport::status).toList());
    assertFalse(Files.exists(oldFolder), "the unpacked copy of the old version is deleted");
    assertEquals("after from 2.0.0", fixture.echoCall("after"));
  }

  @Test
  void replacementThatFailsItsChecksLeavesTheOldVersionServing() throws Exception {
    Path zip = load("1.0.0");

    new PluginZipBuilder("echo").descriptor("plugin.version", "2.0.0")
        .extension(MismatchedConnector.class)
        .resource("connectors/echo.json", Definitions.echoText())
        .writeTo(fixture.plugins(), "echo.zip");
    PluginChange change = fixture.runtime.plugins().reload(zip);

    assertEquals(PluginChange.Kind.FAILED, change.kind());
    assertEquals("2.0.0", change.version());
    assertEquals("1.0.0", change.previousVersion(), "the version that keeps serving");
    assertTrue(change.reason().startsWith("definition and implementation disagree: operation 'messages.echo'"),
        change.reason());
    assertEquals("still from 1.0.0", fixture.echoCall("still"));
    PluginReport report = catalog.plugins().get(0);
    assertEquals(1, catalog.plugins().size());
    assertEquals(PluginStatus.ACTIVE, report.status());
    assertEquals("1.0.0", report.version());
    assertEquals(List.of("echo"), report.connectors());
    assertEquals("newer content of echo.zip was refused: " + change.reason() + "; version 1.0.0 keeps serving",
        report.error());

    assertEquals(PluginChange.Kind.REPLACED, fixture.runtime.plugins().reload(
        HotPluginFixture.echo("2.0.1").writeTo(fixture.plugins(), "echo.zip")).kind(), "a fixed archive replaces it");
    assertEquals("fixed from 2.0.1", fixture.echoCall("fixed"));
    assertEquals(null, catalog.plugins().get(0).error());
  }

  @Test
  void removedPluginFinishesItsRunningActivityRefusesNewCallsAndIsUnloadedAfterwards() throws Exception {
    Path zip = load("1.0.0");
    ActivityGate gate = ActivityGate.close("remove-held");
    CompletableFuture<String> held = fixture.callHeldInside(gate, "remove-held");

    Files.delete(zip);
    PluginChange change = fixture.runtime.plugins().reload(zip);

    assertEquals(new PluginChange(PluginChange.Kind.REMOVED, zip, "echo", "1.0.0", null,
        "removed from the plugins folder"), change);
    assertTrue(catalog.connectors().isEmpty());
    ActivityException refused = assertThrows(ActivityException.class, () -> fixture.echoCall("late"));
    assertEquals(ErrorCode.NOT_FOUND, refused.code());
    assertEquals("Connector 'echo' is no longer available: its plugin echo 1.0.0 (echo.zip) was removed from the "
        + "plugins folder.", refused.getMessage());
    assertEquals(List.of(PluginStatus.DRAINING), catalog.plugins().stream().map(PluginReport::status).toList());
    assertTrue(fixture.changes(PluginChange.Kind.UNLOADED).isEmpty());

    gate.open();

    assertEquals("remove-held from 1.0.0", held.join());
    // The catalog drops the plugin before listeners hear of it, so wait for what is heard last.
    HotPluginFixture.await("the removed plugin unloaded", () -> !fixture.changes(PluginChange.Kind.UNLOADED).isEmpty());
    assertEquals(1, fixture.changes(PluginChange.Kind.UNLOADED).size());
    assertTrue(catalog.plugins().isEmpty());
  }

  @Test
  void garbageAndZipSlipArchivesDroppedInChangeNothingElse() throws Exception {
    load("1.0.0");
    Files.write(fixture.plugins().resolve("garbage.zip"), "not a zip at all".getBytes());
    Path slip = PluginZipBuilder.rawZip(fixture.plugins(), "slip.zip", Map.of(
        "plugin.properties", "plugin.id=evil\nplugin.version=1.0.0\n",
        "../../../evil.txt", "gotcha"));

    List<PluginChange> changes = fixture.runtime.plugins().rescan();

    assertEquals(List.of(PluginChange.Kind.FAILED, PluginChange.Kind.FAILED),
        changes.stream().map(PluginChange::kind).toList());
    assertEquals("entry '../../../evil.txt' escapes the plugin folder with '..'; refused, nothing was unpacked",
        changes.stream().filter(c -> c.archive().equals(slip)).findFirst().orElseThrow().reason());
    assertFalse(FileTrees.containsFileNamed(home.getParent(), "evil.txt"));
    assertEquals(List.of("echo"), catalog.connectors().stream().map(entry -> entry.id()).toList());
    assertEquals(List.of(PluginStatus.ACTIVE, PluginStatus.FAILED, PluginStatus.FAILED),
        catalog.plugins().stream().map(PluginReport::status).toList());
    assertEquals("1.0.0", catalog.plugins().get(0).version());
    assertEquals("ok from 1.0.0", fixture.echoCall("ok"));
  }

  @Test
  void aShadowedPluginTakesOverWhenTheArchiveShadowingItIsRemoved() throws Exception {
    Path first = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "a-echo.zip");
    Path second = HotPluginFixture.echo("0.9.0").writeTo(fixture.plugins(), "b-echo.zip");
    fixture.runtime.plugins().rescan();
    assertEquals(List.of(PluginStatus.ACTIVE, PluginStatus.SHADOWED),
        catalog.plugins().stream().map(PluginReport::status).toList());

    Files.delete(first);
    fixture.runtime.plugins().reload(first);

    assertEquals("0.9.0", catalog.connector("echo").orElseThrow().definition().version());
    assertEquals("b from 0.9.0", fixture.echoCall("b"));
    assertEquals(second, catalog.connector("echo").orElseThrow().archive());
  }

  private Path onlyUnpackedFolder() throws Exception {
    try (Stream<Path> folders = Files.list(home.resolve("cache/plugins"))) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }
}
