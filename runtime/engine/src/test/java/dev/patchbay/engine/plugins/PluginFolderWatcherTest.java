package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.catalog.PluginChange;
import dev.patchbay.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's decisions, scan by scan on a hand-moved clock (no thread, no sleeping), reloading through the real
 * registry: an archive is loaded only once it stopped changing, temporary names are ignored, removal is noticed.
 */
class PluginFolderWatcherTest {

  private static final Duration SETTLE = Duration.ofSeconds(2);

  @TempDir
  Path home;

  HotPluginFixture fixture;
  MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  List<Path> reloaded = new CopyOnWriteArrayList<>();
  List<List<?>> policyRescans = new CopyOnWriteArrayList<>();
  Path policyFile;
  PluginFolderWatcher watcher;

  @BeforeEach
  void start() throws Exception {
    fixture = new HotPluginFixture(home);
    Files.createDirectories(fixture.plugins());
    policyFile = home.resolve("config").resolve(AdmissionPolicy.FILE_NAME);
    watcher = new PluginFolderWatcher(fixture.runtime.plugins().roots(),
        new PluginWatchSettings(SETTLE, Duration.ofSeconds(10)), clock, archive -> {
          reloaded.add(archive);
          fixture.runtime.plugins().reload(archive);
        }, policyFile, () -> policyRescans.add(fixture.runtime.plugins().rescan()));
  }

  @AfterEach
  void stop() throws Exception {
    watcher.close();
    fixture.close();
  }

  /** Scans after the clock moved on by {@code by}. */
  void scanAfter(Duration by) {
    clock.advance(by);
    watcher.scan();
  }

  @Test
  void halfWrittenZipIsNotLoadedUntilItIsCompleteAndHeldStill() throws Exception {
    byte[] whole = Files.readAllBytes(HotPluginFixture.echo("1.0.0").writeTo(home.resolve("build"), "echo.zip"));
    Path target = fixture.plugins().resolve("echo.zip");

    Files.write(target, Arrays.copyOf(whole, whole.length / 2));
    scanAfter(Duration.ZERO);
    scanAfter(SETTLE.dividedBy(2));
    Files.write(target, whole);
    scanAfter(SETTLE.dividedBy(2));
    scanAfter(SETTLE.minusMillis(1));

    assertTrue(reloaded.isEmpty(), "nothing is loaded while the archive is changing or not yet still for long enough");
    assertTrue(fixture.runtime.catalog().plugins().isEmpty());

    scanAfter(Duration.ofMillis(1));

    assertEquals(List.of(target), reloaded);
    assertEquals(List.of(PluginChange.Kind.LOADED), fixture.changes.stream().map(PluginChange::kind).toList(),
        "the half-written archive was never tried");
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent());
    scanAfter(SETTLE.multipliedBy(3));
    assertEquals(1, reloaded.size(), "an archive is reloaded once per change");
  }

  @Test
  void temporaryAndHiddenNamesAreIgnoredUntilRenamed() throws Exception {
    Path part = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip.part");
    HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), ".echo.zip");
    scanAfter(Duration.ZERO);
    scanAfter(SETTLE);
    assertTrue(reloaded.isEmpty());

    Path renamed = Files.move(part, fixture.plugins().resolve("echo.zip"));
    scanAfter(Duration.ZERO);
    scanAfter(SETTLE);

    assertEquals(List.of(renamed), reloaded);
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent());
  }

  @Test
  void removalIsActedOnOnceTheArchiveStayedAway() throws Exception {
    Path zip = HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    scanAfter(Duration.ZERO);
    scanAfter(SETTLE);
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent());

    Files.delete(zip);
    scanAfter(Duration.ZERO);
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent(), "not before it stayed away");
    scanAfter(SETTLE);

    assertTrue(fixture.runtime.catalog().connector("echo").isEmpty());
    assertEquals(List.of(PluginChange.Kind.LOADED, PluginChange.Kind.REMOVED),
        fixture.changes.stream().map(PluginChange::kind).filter(kind -> kind != PluginChange.Kind.UNLOADED).toList());
  }

  @Test
  void archivesLoadedAtStartAreLeftAloneByTheFirstScan() throws Exception {
    HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    fixture.runtime.plugins().rescan();
    fixture.changes.clear();

    scanAfter(Duration.ZERO);
    scanAfter(SETTLE);

    assertEquals(1, reloaded.size(), "the first scan looks at every archive");
    assertTrue(fixture.changes.isEmpty(), "its content is loaded already, so nothing changes");
  }

  @Test
  void aSettledEditOfTheAdmissionPolicyJudgesEveryArchiveAgain() throws Exception {
    HotPluginFixture.echo("1.0.0").writeTo(fixture.plugins(), "echo.zip");
    watcher.scan();
    scanAfter(SETTLE);
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent());

    Files.createDirectories(policyFile.getParent());
    Files.writeString(policyFile, "allow = other\n");
    watcher.scan();
    assertTrue(policyRescans.isEmpty(), "not before the edit held still");
    scanAfter(SETTLE);

    assertEquals(1, policyRescans.size());
    assertTrue(fixture.runtime.catalog().connector("echo").isEmpty(), "no longer admitted, taken out");

    Files.delete(policyFile);
    watcher.scan();
    scanAfter(SETTLE);

    assertEquals(2, policyRescans.size());
    assertTrue(fixture.runtime.catalog().connector("echo").isPresent(), "without a policy it is admitted again");
  }
}
