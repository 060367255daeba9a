package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.PluginChange;
import dev.patchbay.engine.testing.PluginZipBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission policy for archives dropped into the plugins folder while the runtime runs: the same checks as at
 * start-up, and a refused archive changes nothing else.
 */
class HotPluginAdmissionTest {

  @TempDir
  Path home;

  HotPluginFixture fixture;
  Catalog catalog;
  Path policyFile;

  @BeforeEach
  void start() throws IOException {
    policyFile = home.resolve("config").resolve(AdmissionPolicy.FILE_NAME);
    Files.createDirectories(policyFile.getParent());
    fixture = new HotPluginFixture(home);
    catalog = fixture.runtime.catalog();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  PluginChange drop(PluginZipBuilder plugin, String fileName) {
    return fixture.runtime.plugins().reload(plugin.writeTo(fixture.plugins(), fileName));
  }

  @Test
  void droppedUnlistedArchiveFailsWithItsReasonAndChangesNothingElse() throws Exception {
    Files.writeString(policyFile, "allow = echo\n");
    assertEquals(PluginChange.Kind.LOADED, drop(HotPluginFixture.echo("1.0.0"), "echo.zip").kind());

    PluginChange change = drop(new PluginZipBuilder("intruder"), "intruder.zip");

    assertEquals(PluginChange.Kind.FAILED, change.kind());
    assertEquals("intruder", change.pluginId());
    assertTrue(change.reason().startsWith("plugin id 'intruder' is not allowed by the admission policy "
        + policyFile), change.reason());
    assertEquals(List.of(PluginStatus.ACTIVE, PluginStatus.FAILED),
        catalog.plugins().stream().map(PluginReport::status).toList());
    assertEquals("still from 1.0.0", fixture.echoCall("still"));
  }

  @Test
  void replacementOtherThanThePinnedArchiveIsRefusedAndThePinnedVersionKeepsServing() throws Exception {
    Path zip = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    String pinned = PluginArchives.digest(zip);
    Files.writeString(policyFile, "allow = echo\nsha256.echo = " + pinned + "\n");
    assertEquals(PluginChange.Kind.LOADED, fixture.runtime.plugins().reload(zip).kind());

    PluginChange change = drop(HotPluginFixture.echo("2.0.0"), "echo.zip");

    assertEquals(PluginChange.Kind.FAILED, change.kind());
    assertEquals("1.0.0", change.previousVersion(), "the version that keeps serving");
    assertEquals("SHA-256 mismatch: the admission policy " + policyFile + " pins plugin 'echo' to " + pinned
        + " (sha256.echo) but this archive's SHA-256 is " + PluginArchives.digest(zip) + "; it is not the archive "
        + "that was pinned. If it is a release you trust, run 'patchbay plugins pin " + zip + " --write'",
        change.reason());
    assertEquals("still from 1.0.0", fixture.echoCall("still"));
    assertEquals("newer content of echo.zip was refused: " + change.reason() + "; version 1.0.0 keeps serving",
        catalog.plugins().get(0).error());
  }

  @Test
  void refusedArchiveIsJudgedAgainOnceThePolicyPinsIt() throws Exception {
    Files.writeString(policyFile, "allow = zoom\n");
    Path zip = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    assertEquals(PluginChange.Kind.FAILED, fixture.runtime.plugins().reload(zip).kind());
    assertEquals(PluginChange.Kind.UNCHANGED, fixture.runtime.plugins().reload(zip).kind(),
        "the same content under the same policy is not looked at again");

    AdmissionPins.pin(policyFile, "echo", PluginArchives.digest(zip));
    PluginChange change = fixture.runtime.plugins().reload(zip);

    assertEquals(PluginChange.Kind.LOADED, change.kind(), change.toString());
    assertEquals("again from 1.0.0", fixture.echoCall("again"));
  }

  @Test
  void aServingPluginThePolicyNoLongerAdmitsIsTakenOutAtTheNextRescanAndComesBackWhenAllowedAgain()
      throws Exception {
    assertEquals(PluginChange.Kind.LOADED, drop(HotPluginFixture.echo("1.0.0"), "echo.zip").kind());
    assertEquals("served from 1.0.0", fixture.echoCall("served"));
    Files.writeString(policyFile, "allow = other, echo\nsha256.echo = nothex\n");
    assertEquals(List.of(), fixture.runtime.plugins().rescan(), "a malformed policy stops nothing that serves");
    assertEquals("still from 1.0.0", fixture.echoCall("still"));

    Files.writeString(policyFile, "allow = other\n");
    List<PluginChange> revoked = fixture.runtime.plugins().rescan();

    assertEquals(1, revoked.size(), revoked.toString());
    assertEquals(PluginChange.Kind.FAILED, revoked.get(0).kind());
    assertTrue(revoked.get(0).reason().startsWith("plugin id 'echo' is not allowed by the admission policy"),
        revoked.get(0).reason());
    assertTrue(catalog.connector("echo").isEmpty(), "new calls find no connector");
    assertTrue(catalog.departure("echo").orElseThrow().startsWith("Connector 'echo' is no longer available: its "
        + "plugin echo 1.0.0 (echo.zip) is no longer admitted: plugin id 'echo' is not allowed"),
        catalog.departure("echo").orElseThrow());
    assertEquals(List.of(), fixture.runtime.plugins().rescan(), "judged once under the same policy");

    Files.writeString(policyFile, "allow = echo\n");
    List<PluginChange> back = fixture.runtime.plugins().rescan();

    assertEquals(PluginChange.Kind.LOADED, back.get(back.size() - 1).kind(), back.toString());
    assertEquals("back from 1.0.0", fixture.echoCall("back"));
  }
}
