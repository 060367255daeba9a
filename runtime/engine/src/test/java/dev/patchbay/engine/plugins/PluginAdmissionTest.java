package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.LoadRecordingPlugin;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's admission policy ({@code config/plugins.properties}) at start-up, through the real PF4J path: real
 * zips in a temporary home, a runtime started over it.
 */
class PluginAdmissionTest {

  @TempDir
  Path home;

  @BeforeEach
  @AfterEach
  void forgetLoadedPluginClasses() {
    System.clearProperty(LoadRecordingPlugin.LOADED_BY);
  }

  Path plugins() {
    return home.resolve("plugins");
  }

  Path policyFile() {
    return new PatchbayHome(home).pluginAdmissionPolicy();
  }

  void policy(String... lines) throws IOException {
    Files.createDirectories(policyFile().getParent());
    Files.write(policyFile(), List.of(lines));
  }

  /** An echo plugin whose plugin class records that it was loaded. */
  static PluginZipBuilder recordingEcho(String pluginId) {
    return new PluginZipBuilder(pluginId)
        .extension(EchoConnector.class)
        .withClass(LoadRecordingPlugin.class)
        .descriptor("plugin.class", LoadRecordingPlugin.class.getName())
        .resource("connectors/echo.json", Definitions.echoText());
  }

  Catalog load() {
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start()) {
      return runtime.catalog();
    }
  }

  PluginReport report(Catalog catalog, String fileName) {
    return catalog.plugins().stream().filter(report -> report.fileName().equals(fileName)).findFirst().orElseThrow();
  }

  /** What is in the unpack cache: folders of unpacked plugins, and any copy left from admission. */
  List<String> cacheContents() throws IOException {
    Path cache = home.resolve("cache/plugins");
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(cache)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void withoutAPolicyFileEveryPluginIsAdmitted() {
    recordingEcho("echo").writeTo(plugins());

    Catalog catalog = load();

    assertEquals(PluginStatus.ACTIVE, report(catalog, "echo.zip").status());
    assertEquals("no admission policy (" + policyFile() + " does not exist): every plugin is admitted",
        AdmissionPolicy.read(policyFile()).summary());
  }

  @Test
  void unknownIdIsRefusedBeforeUnpackingAndTheAllowedOneIsAdmitted() throws Exception {
    policy("# only the echo connector", "allow = echo");
    recordingEcho("echo").writeTo(plugins(), "a-echo.zip");
    Path intruder = new PluginZipBuilder("intruder").writeTo(plugins());

    Catalog catalog = load();

    assertEquals(PluginStatus.ACTIVE, report(catalog, "a-echo.zip").status());
    assertTrue(catalog.connector("echo").isPresent());
    PluginReport refused = report(catalog, "intruder.zip");
    assertEquals(PluginStatus.FAILED, refused.status());
    assertEquals("intruder", refused.pluginId(), "the id is read from the archive without unpacking it");
    assertEquals("1.0.0", refused.version());
    assertEquals("plugin id 'intruder' is not allowed by the admission policy " + policyFile() + "; to admit it, "
        + "add it to the allow line, or run 'patchbay plugins pin " + intruder + " --write' (allows and pins this "
        + "archive)", refused.error());
    List<String> cache = cacheContents();
    assertEquals(1, cache.size(), "only the admitted plugin is unpacked, and no copy is left: " + cache);
    assertTrue(cache.get(0).startsWith("a-echo-"), cache.toString());
  }

  @Test
  void aJarReplacedInTheUnpackedCacheAfterAdmissionIsNotLoaded() throws Exception {
    Path zip = recordingEcho("echo").resource("release.txt", "admitted").writeTo(plugins());
    policy("allow = echo", "sha256.echo = " + PluginArchives.digest(zip));
    assertEquals(PluginStatus.ACTIVE, report(load(), "echo.zip").status());
    Path unpacked = home.resolve("cache/plugins").resolve(cacheContents().get(0));
    Path jar = unpacked.resolve("lib/echo.jar");
    byte[] admitted = Files.readAllBytes(jar);
    Path other = recordingEcho("echo").resource("release.txt", "planted").writeTo(home.resolve("elsewhere"));
    try (FileSystem planted = FileSystems.newFileSystem(other)) {
      Files.copy(planted.getPath("lib/echo.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(unpacked.resolve("lib/extra.jar"), "planted");

    Catalog catalog = load();

    assertEquals(PluginStatus.ACTIVE, report(catalog, "echo.zip").status());
    assertArrayEquals(admitted, Files.readAllBytes(jar), "what is loaded is the admitted archive's jar");
    assertFalse(Files.exists(unpacked.resolve("lib/extra.jar")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked)));
  }

  @Test
  void oneByteTamperedArchiveIsRefusedWithBothDigestsNothingUnpackedAndNoClassLoaded() throws Exception {
    Path zip = recordingEcho("echo").writeTo(plugins());
    String pinned = PluginArchives.digest(zip);
    policy("allow = echo", "sha256.echo = " + pinned);
    PluginZipBuilder.tamperOneByte(zip, "lib/echo.jar");
    String actual = PluginArchives.digest(zip);
    assertNotEquals(pinned, actual);

    Catalog catalog = load();

    PluginReport refused = report(catalog, "echo.zip");
    assertEquals(PluginStatus.FAILED, refused.status());
    assertEquals("SHA-256 mismatch: the admission policy " + policyFile() + " pins plugin 'echo' to " + pinned
        + " (sha256.echo) but this archive's SHA-256 is " + actual + "; it is not the archive that was pinned. If it "
        + "is a release you trust, run 'patchbay plugins pin " + zip + " --write'", refused.error());
    assertTrue(catalog.connectors().isEmpty());
    assertEquals(List.of(), cacheContents(), "nothing unpacked, no copy left");
    assertNull(System.getProperty(LoadRecordingPlugin.LOADED_BY), "no class of the plugin was loaded");
  }

  @Test
  void correctPinIsAdmittedAndItsPluginClassLoadsFromThePlugin() throws Exception {
    Path zip = recordingEcho("echo").writeTo(plugins());
    policy("allow = echo", "sha256.echo = " + PluginArchives.digest(zip).toUpperCase());

    Catalog catalog = load();

    assertEquals(PluginStatus.ACTIVE, report(catalog, "echo.zip").status(), catalog.plugins().toString());
    assertEquals(HostSharedClassLoader.class.getName(), System.getProperty(LoadRecordingPlugin.LOADED_BY),
        "the marker works: an admitted plugin's class is loaded by its plugin class loader");
  }

  @Test
  void malformedPolicyRefusesEveryPluginNamingTheLine() throws Exception {
    Path zip = recordingEcho("echo").writeTo(plugins());
    policy("allow = echo", "sha265.echo = " + PluginArchives.digest(zip));

    Catalog catalog = load();

    PluginReport refused = report(catalog, "echo.zip");
    assertEquals(PluginStatus.FAILED, refused.status());
    assertEquals("the admission policy " + policyFile() + " is malformed, so no plugin is admitted until it is "
        + "fixed: line 2: unknown key 'sha265.echo'; the keys are allow and sha256.<plugin id>", refused.error());
    assertEquals(List.of(), cacheContents());
    assertNull(System.getProperty(LoadRecordingPlugin.LOADED_BY));
  }

  @Test
  void archiveWithTwoEntriesForItsDescriptorIsRefused() {
    PluginZipBuilder.rawZip(plugins(), "twice.zip", java.util.Map.of(
        "plugin.properties", "plugin.id=echo\nplugin.version=1.0.0\n",
        "./plugin.properties", "plugin.id=evil\nplugin.version=1.0.0\n"));

    PluginReport refused = report(load(), "twice.zip");

    assertEquals(PluginStatus.FAILED, refused.status());
    assertTrue(refused.error().endsWith("names a path another entry names too; refused, nothing was unpacked"),
        refused.error());
  }
}
