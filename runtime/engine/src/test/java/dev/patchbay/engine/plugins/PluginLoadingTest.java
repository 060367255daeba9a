package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.FileTrees;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.ExplodingConnector;
import dev.patchbay.engine.testplugins.FailingStartPlugin;
import dev.patchbay.engine.testplugins.MismatchedConnector;
import dev.patchbay.engine.testplugins.SignedEchoConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads real plugin zips through PF4J. Every broken plugin must fail alone, with a message that says why, while a
 * good plugin next to it ("a-echo.zip", loaded first) keeps working.
 */
class PluginLoadingTest {

  @TempDir
  Path home;

  Path plugins() {
    return home.resolve("plugins");
  }

  static PluginZipBuilder echoPlugin(String pluginId) {
    return new PluginZipBuilder(pluginId)
        .extension(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoText());
  }

  Catalog load() {
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start()) {
      return runtime.catalog();
    }
  }

  /**
   * Loads twice: first checking the definitions and recording them as verified, then from that record (outlines, no
   * parsing), which must come to the same reports.
   */
  Catalog loadAgainFromTheRecord() {
    List<PluginReport> checked = load().plugins();
    Catalog fromRecord = load();
    assertEquals(checked, fromRecord.plugins());
    return fromRecord;
  }

  /** Loads a good plugin plus {@code broken.zip}, checks the good one survived, and returns the broken one's report. */
  PluginReport brokenAlongsideGood() {
    echoPlugin("echo").writeTo(plugins(), "a-echo.zip");
    Catalog catalog = load();
    assertTrue(catalog.connector("echo").isPresent(), "the good plugin must keep working: " + catalog.plugins());
    assertEquals(2, catalog.plugins().size(), catalog.plugins().toString());
    PluginReport broken = catalog.plugins().get(1);
    assertEquals("broken.zip", broken.fileName());
    assertEquals(PluginStatus.FAILED, broken.status());
    assertTrue(broken.connectors().isEmpty());
    return broken;
  }

  @Test
  void goodPluginLoadsAndItsCatalogEntryIsItsDefinition() {
    echoPlugin("echo").writeTo(plugins());

    Catalog catalog = loadAgainFromTheRecord();

    CatalogEntry entry = catalog.connector("echo").orElseThrow();
    assertEquals(Definitions.echo(), entry.definition().document());
    assertEquals("echo", entry.pluginId());
    assertEquals("dev.patchbay.engine.testplugins.EchoConnector", entry.implementation().getClass().getName());
    assertTrue(entry.implementation().getClass().getClassLoader() instanceof org.pf4j.PluginClassLoader,
        "the connector must come from the plugin's class loader, not the test classpath");
    PluginReport report = catalog.plugins().get(0);
    assertEquals(new PluginReport(plugins().resolve("echo.zip"), "echo", "1.0.0", PluginStatus.ACTIVE,
        List.of("echo"), null), report);
  }

  @Test
  void emptyOrMissingPluginsFolderGivesAnEmptyCatalog() {
    Catalog catalog = load();
    assertTrue(catalog.connectors().isEmpty());
    assertTrue(catalog.plugins().isEmpty());
  }

  @Test
  void corruptZip() throws IOException {
    Files.createDirectories(plugins());
    Files.write(plugins().resolve("broken.zip"), "this is not a zip".getBytes());

    PluginReport broken = brokenAlongsideGood();

    assertTrue(broken.error().startsWith("not a readable zip archive"), broken.error());
    assertNull(broken.pluginId());
  }

  @Test
  void zipSlipEntryIsRefusedAndNothingIsWrittenOutside() throws IOException {
    PluginZipBuilder.rawZip(plugins(), "broken.zip", Map.of(
        "plugin.properties", "plugin.id=evil\nplugin.version=1.0.0\n",
        "../../../evil.txt", "gotcha"));

    PluginReport broken = brokenAlongsideGood();

    assertEquals("entry '../../../evil.txt' escapes the plugin folder with '..'; refused, nothing was unpacked",
        broken.error());
    assertFalse(FileTrees.containsFileNamed(home.getParent(), "evil.txt"));
  }

  @Test
  void absoluteEntryIsRefused() {
    PluginZipBuilder.rawZip(plugins(), "broken.zip", Map.of("/tmp/evil.txt", "gotcha"));

    assertEquals("entry '/tmp/evil.txt' is an absolute path; refused, nothing was unpacked",
        brokenAlongsideGood().error());
  }

  @Test
  void missingDescriptor() {
    PluginZipBuilder.rawZip(plugins(), "broken.zip", Map.of("readme.txt", "no descriptor here"));

    assertEquals("has no plugin.properties at its root (a plugin zip holds plugin.properties and lib/*.jar)",
        brokenAlongsideGood().error());
  }

  @Test
  void missingExtensionClass() {
    new PluginZipBuilder("missing")
        .extensionName("dev.patchbay.engine.testplugins.NoSuchConnector")
        .writeTo(plugins(), "broken.zip");

    PluginReport broken = brokenAlongsideGood();

    assertEquals("missing", broken.pluginId());
    assertTrue(broken.error().startsWith("extension dev.patchbay.engine.testplugins.NoSuchConnector listed in "
        + "META-INF/extensions.idx cannot be loaded"), broken.error());
  }

  @Test
  void missingPluginClass() {
    echoPlugin("wrongclass").descriptor("plugin.class", "com.example.NoSuchPlugin").writeTo(plugins(), "broken.zip");

    String error = brokenAlongsideGood().error();

    assertTrue(error.startsWith("failed to start: plugin.class com.example.NoSuchPlugin cannot be loaded"), error);
  }

  @Test
  void pluginThrowingInStart() {
    echoPlugin("failing")
        .withClass(FailingStartPlugin.class)
        .descriptor("plugin.class", FailingStartPlugin.class.getName())
        .writeTo(plugins(), "broken.zip");

    assertEquals("failed to start: database of widgets is unreachable", brokenAlongsideGood().error());
  }

  @Test
  void connectorThatCannotBeCreated() {
    new PluginZipBuilder("exploding").extension(ExplodingConnector.class).writeTo(plugins(), "broken.zip");

    assertEquals("extension dev.patchbay.engine.testplugins.ExplodingConnector cannot be created: "
        + "NoClassDefFoundError: com/example/MissingLibrary", brokenAlongsideGood().error());
  }

  @Test
  void pluginWithoutConnector() {
    new PluginZipBuilder("empty").writeTo(plugins(), "broken.zip");

    assertTrue(brokenAlongsideGood().error().startsWith("contributes no Connector extension"));
  }

  @Test
  void definitionFailingTheMetaSchema() {
    new PluginZipBuilder("badversion")
        .extension(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoWith(d -> d.put("version", "one")))
        .writeTo(plugins(), "broken.zip");
    // Loaded alone: with the good echo plugin it would also clash on the id.
    Catalog catalog = load();

    PluginReport broken = catalog.plugins().get(0);
    assertEquals(PluginStatus.FAILED, broken.status());
    assertTrue(broken.error().startsWith("invalid definition: broken.zip!connectors/echo.json: /version: "),
        broken.error());
  }

  @Test
  void definitionMissingFromThePlugin() {
    new PluginZipBuilder("nodef").extension(EchoConnector.class).writeTo(plugins(), "broken.zip");
    Catalog catalog = load();

    assertEquals("dev.patchbay.engine.testplugins.EchoConnector has no definition: the plugin must carry "
        + "connectors/echo.json", catalog.plugins().get(0).error());
  }

  @Test
  void twoPluginsClaimingOneConnectorId() {
    echoPlugin("other-echo").writeTo(plugins(), "broken.zip");

    assertEquals("connector id 'echo' is already provided by plugin echo (a-echo.zip); "
        + "dev.patchbay.engine.testplugins.EchoConnector in plugin other-echo cannot claim it too",
        brokenAlongsideGood().error());
  }

  @Test
  void implementationAndDefinitionDisagree() {
    new PluginZipBuilder("mismatch")
        .extension(MismatchedConnector.class)
        .resource("connectors/echo.json", Definitions.echoText())
        .writeTo(plugins());
    Catalog catalog = loadAgainFromTheRecord();

    assertTrue(catalog.connectors().isEmpty());
    assertEquals("definition and implementation disagree: operation 'messages.echo' is declared in "
        + "mismatch.zip!connectors/echo.json but dev.patchbay.engine.testplugins.MismatchedConnector.activities() "
        + "has no implementation for it; operation 'messages.shout' is implemented in "
        + "dev.patchbay.engine.testplugins.MismatchedConnector.activities() but not declared in "
        + "mismatch.zip!connectors/echo.json", catalog.plugins().get(0).error());
  }

  @Test
  void webhooksImplementedButNotDeclared() {
    new PluginZipBuilder("hooks").extension(SignedEchoConnector.class).withClass(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoText()).writeTo(plugins());
    Catalog catalog = loadAgainFromTheRecord();

    assertTrue(catalog.connectors().isEmpty());
    assertEquals("definition and implementation disagree: dev.patchbay.engine.testplugins.SignedEchoConnector"
        + ".webhooks() receives webhooks, but hooks.zip!connectors/echo.json declares no webhook events",
        catalog.plugins().get(0).error());
  }

  @Test
  void webhooksDeclaredButNotImplemented() {
    new PluginZipBuilder("hooks").extension(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.signedEchoText()).writeTo(plugins());
    Catalog catalog = loadAgainFromTheRecord();

    assertTrue(catalog.connectors().isEmpty());
    assertEquals("definition and implementation disagree: hooks.zip!connectors/echo.json declares webhook events, "
        + "but dev.patchbay.engine.testplugins.EchoConnector.webhooks() receives none",
        catalog.plugins().get(0).error());
  }

  @Test
  void nonSemverPluginVersion() {
    echoPlugin("oldstyle").descriptor("plugin.version", "1.0").writeTo(plugins(), "broken.zip");

    String error = brokenAlongsideGood().error();

    assertTrue(error.contains("plugin.version '1.0' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)"),
        error);
  }

  @Test
  void malformedRequiresConstraint() {
    echoPlugin("badrequires").descriptor("plugin.requires", ">=>1..0").writeTo(plugins(), "broken.zip");

    String error = brokenAlongsideGood().error();

    assertTrue(error.contains("plugin.requires '>=>1..0' is not a valid version constraint"), error);
  }

  @Test
  void pluginRequiringANewerConnectorApiSaysWhatToChange() {
    echoPlugin("future").descriptor("plugin.requires", ">=99.0.0").writeTo(plugins(), "broken.zip");

    String api = ConnectorApiVersion.current();
    assertEquals("requires connector API >=99.0.0 (plugin.requires) but this Patchbay provides connector API " + api
            + ": rebuild the plugin against dev.patchbay:patchbay-connector-api " + api + " (then plugin.requires="
            + ConnectorApiVersion.requirementFor(api) + "), or run it on a Patchbay whose connector API matches",
        brokenAlongsideGood().error());
  }

  @Test
  void requiresIsCheckedAgainstTheConnectorApiVersionNotTheRuntimeVersion() {
    echoPlugin("echo").descriptor("plugin.requires", ConnectorApiVersion.requirementFor(ConnectorApiVersion.current()))
        .writeTo(plugins());

    assertEquals(PluginStatus.ACTIVE, load().plugins().get(0).status());
  }

  @Test
  void requirementIsARangeOfTheApiVersion() {
    assertEquals(">=0.1.0 & <0.2.0", ConnectorApiVersion.requirementFor("0.1.3"));
    assertEquals(">=1.4.0 & <2.0.0", ConnectorApiVersion.requirementFor("1.4.2"));
  }

  @Test
  void archiveBundlingHostLibrariesIsRefusedWithTheJarsToDrop() throws IOException {
    Path zip = echoPlugin("bundler").writeTo(plugins(), "broken.zip");
    addJar(zip, "lib/pf4j-3.15.0.jar", "org/pf4j/Plugin.class");
    addJar(zip, "lib/jackson-databind.jar", "META-INF/versions/11/tools/jackson/databind/JsonNode.class");

    String error = brokenAlongsideGood().error();

    assertEquals("bundles classes the host supplies: lib/jackson-databind.jar (Jackson); lib/pf4j-3.15.0.jar (PF4J). "
        + "The host provides the connector API, PF4J, Jackson and SLF4J: declare them with <scope>provided</scope> "
        + "and rebuild (the patchbay-connector-parent build refuses such a zip)", error);
  }

  @Test
  void archiveBundlingTheConnectorApiInClassesIsRefused() throws IOException {
    Path zip = echoPlugin("bundler").writeTo(plugins(), "broken.zip");
    addEntry(zip, "classes/dev/patchbay/api/Connector.class", new byte[] {1});

    assertTrue(brokenAlongsideGood().error().startsWith(
        "bundles classes the host supplies: classes/ (the Patchbay connector API)."));
  }

  /** Adds a jar holding one (empty) entry to a plugin zip. */
  private static void addJar(Path zip, String jarName, String entry) throws IOException {
    java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(jar)) {
      out.putNextEntry(new java.util.zip.ZipEntry(entry));
      out.closeEntry();
    }
    addEntry(zip, jarName, jar.toByteArray());
  }

  private static void addEntry(Path zip, String name, byte[] content) throws IOException {
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip)) {
      Path entry = fs.getPath(name);
      if (entry.getParent() != null) {
        Files.createDirectories(entry.getParent());
      }
      Files.write(entry, content);
    }
  }

  @Test
  void earlierFolderShadowsTheSamePluginIdInALaterOne() {
    Path bundled = home.resolve("bundled");
    echoPlugin("echo").writeTo(plugins());
    echoPlugin("echo").descriptor("plugin.version", "0.9.0").writeTo(bundled);

    Catalog catalog;
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(bundled)
        .start()) {
      catalog = runtime.catalog();
    }

    assertEquals(PluginStatus.ACTIVE, catalog.plugins().get(0).status());
    assertEquals("1.0.0", catalog.connector("echo").orElseThrow().definition().version());
    PluginReport shadowed = catalog.plugins().get(1);
    assertEquals(PluginStatus.SHADOWED, shadowed.status());
    assertEquals("plugin id 'echo' is already loaded from " + plugins().resolve("echo.zip"), shadowed.error());
  }

  @Test
  void unchangedArchiveIsUnpackedOnceAndAReplacedOneAfresh() throws IOException {
    Path zip = echoPlugin("echo").writeTo(plugins());
    load();
    load();
    try (Stream<Path> unpacked = Files.list(home.resolve("cache/plugins"))) {
      assertEquals(1, unpacked.count());
    }

    Files.delete(zip);
    echoPlugin("echo").descriptor("plugin.description", "replaced").writeTo(plugins());
    assertTrue(load().connector("echo").isPresent());
    try (Stream<Path> unpacked = Files.list(home.resolve("cache/plugins"))) {
      assertEquals(2, unpacked.count());
    }
  }
}
