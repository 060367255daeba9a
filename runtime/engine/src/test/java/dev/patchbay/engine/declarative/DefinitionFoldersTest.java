package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionOutline;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import dev.patchbay.engine.testing.PluginZipBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declarative connectors dropped in as bare definitions or as plugin zips without code: checked at load, in the
 * catalog, subject to the admission policy with the file's SHA-256 as pin, and kept in step with the folder.
 */
class DefinitionFoldersTest {

  @TempDir
  Path home;

  private PatchbayRuntime start() {
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).start();
  }

  private Path drop(String name, String text) throws Exception {
    Path folder = Files.createDirectories(home.resolve("connectors"));
    return Files.writeString(folder.resolve(name), text);
  }

  private static String github() throws Exception {
    return Files.readString(DeclarativeWorld.DEFINITIONS.resolve("github.json"));
  }

  private static PluginReport report(PatchbayRuntime runtime, String fileName) {
    return runtime.catalog().plugins().stream().filter(report -> report.fileName().equals(fileName)).findFirst()
        .orElseThrow(() -> new AssertionError("no report for " + fileName + ": " + runtime.catalog().plugins()));
  }

  @Test
  void bareDefinitionJoinsTheCatalogAndFollowsItsFile() throws Exception {
    Path file = drop("github.json", github());
    try (PatchbayRuntime runtime = start()) {
      CatalogEntry entry = runtime.catalog().connector("github").orElseThrow();
      assertEquals(file, entry.archive());
      assertTrue(entry.implementation() instanceof DeclarativeConnector);
      assertEquals(PluginStatus.ACTIVE, report(runtime, "github.json").status());

      Files.writeString(file, github().replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""));
      runtime.plugins().rescan();
      assertEquals("1.1.0", runtime.catalog().connector("github").orElseThrow().definition().version());

      Files.writeString(file, "{\"id\": \"github\"");
      runtime.plugins().rescan();
      assertEquals("1.1.0", runtime.catalog().connector("github").orElseThrow().definition().version(),
          "a broken edit keeps the serving version");
      assertTrue(report(runtime, "github.json").error().contains("not valid JSON"),
          report(runtime, "github.json").error());

      Files.delete(file);
      runtime.plugins().rescan();
      assertTrue(runtime.catalog().connector("github").isEmpty());
    }
  }

  @Test
  void definitionThatNeedsCodeIsRefusedWithTheReason() throws Exception {
    drop("github.json", github().replace("\"http\": {\n        \"method\": \"GET\",\n        \"path\": \"/repos/{owner}/{repo}\"\n      }",
        "\"doneWhenRetried\": []"));
    // The second start reads the definition's outline from the record of verified definitions: the same verdict.
    for (int start = 0; start < 2; start++) {
      try (PatchbayRuntime runtime = start()) {
        PluginReport report = report(runtime, "github.json");
        assertEquals(PluginStatus.FAILED, report.status());
        assertTrue(report.error().contains("operation 'repos.get' has no http block"), report.error());
        assertTrue(runtime.catalog().connector("github").isEmpty());
      }
    }
  }

  @Test
  void definitionVerifiedBeforeIsListedFromItsOutlineAndRunsAsBefore() throws Exception {
    drop("github.json", github());
    ConnectorDefinition checked;
    try (PatchbayRuntime runtime = start()) {
      checked = runtime.catalog().connector("github").orElseThrow().definition();
    }
    try (PatchbayRuntime runtime = start()) {
      CatalogEntry entry = runtime.catalog().connector("github").orElseThrow();
      assertEquals(DefinitionOutline.of(checked), entry.outline());
      assertEquals(checked, entry.definition());
      assertTrue(entry.implementation() instanceof DeclarativeConnector);
      assertEquals(checked.operations().stream().map(OperationDefinition::id).collect(Collectors.toSet()),
          entry.implementation().activities().keySet());
    }
  }

  @Test
  void admissionPolicyPinsTheFileBySha256() throws Exception {
    String text = github();
    drop("github.json", text);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
    Path policy = Files.createDirectories(home.resolve("config")).resolve("plugins.properties");

    Files.writeString(policy, "allow = github\nsha256.github = " + "0".repeat(64) + "\n");
    try (PatchbayRuntime runtime = start()) {
      assertTrue(runtime.catalog().connector("github").isEmpty());
      assertEquals(PluginStatus.FAILED, report(runtime, "github.json").status());
      assertTrue(report(runtime, "github.json").error().contains(digest), report(runtime, "github.json").error());

      Files.writeString(policy, "allow = github\nsha256.github = " + digest + "\n");
      runtime.plugins().rescan();
      assertTrue(runtime.catalog().connector("github").isPresent());
    }
  }

  @Test
  void pluginZipWithoutCodeRunsItsDefinitionAndShadowsABareOne() throws Exception {
    new PluginZipBuilder("github").resource("connectors/github.json", github())
        .writeTo(Files.createDirectories(home.resolve("plugins")));
    Path bare = drop("github.json", github());
    try (PatchbayRuntime runtime = start()) {
      CatalogEntry entry = runtime.catalog().connector("github").orElseThrow(() -> new AssertionError(
          runtime.catalog().plugins().toString()));
      assertTrue(entry.implementation() instanceof DeclarativeConnector);
      assertTrue(entry.archive().toString().endsWith("github.zip"), entry.archive().toString());
      assertEquals(List.of("github"), report(runtime, "github.zip").connectors());
      PluginReport shadowed = report(runtime, "github.json");
      assertEquals(PluginStatus.SHADOWED, shadowed.status());
      assertEquals("connector id 'github' is already provided by plugin github (github.zip), which wins over a "
          + "bare definition", shadowed.error());
      assertEquals(bare, shadowed.archive());
    }
  }

  @Test
  void homeDefinitionShadowsTheShippedOneWhichTakesOverWhenItIsRemoved() throws Exception {
    Path shipped = Files.writeString(Files.createDirectories(home.resolve("dist/connectors")).resolve("github.json"),
        github());
    Path own = drop("github.json", github().replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\""));
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .bundledConnectors(shipped.getParent()).start()) {
      assertEquals(own, runtime.catalog().connector("github").orElseThrow().archive());
      List<PluginReport> reports = runtime.catalog().plugins();
      assertEquals(List.of(PluginStatus.ACTIVE, PluginStatus.SHADOWED),
          reports.stream().map(PluginReport::status).toList(), reports.toString());
      assertEquals("connector id 'github' is already defined by " + own, reports.get(1).error());
      assertEquals(shipped, reports.get(1).archive());

      Files.delete(own);
      runtime.plugins().rescan();
      assertEquals(shipped, runtime.catalog().connector("github").orElseThrow().archive());
      assertEquals("1.0.0", runtime.catalog().connector("github").orElseThrow().definition().version());
      assertEquals(List.of(PluginStatus.ACTIVE),
          runtime.catalog().plugins().stream().map(PluginReport::status).toList());

      drop("github.json", github().replace("\"version\": \"1.0.0\"", "\"version\": \"1.2.0\""));
      runtime.plugins().rescan();
      assertEquals("1.2.0", runtime.catalog().connector("github").orElseThrow().definition().version());
      assertEquals(PluginStatus.SHADOWED, runtime.catalog().plugins().get(1).status());
    }
  }
}
