package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.plugins.PluginStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zoom plugin as built, loaded from a plugins folder through PF4J. */
class ZoomPluginLoadingTest {

  @TempDir
  Path home;

  @Test
  void zoomPluginLoadsAndItsCatalogEntryEqualsZoomJson() throws IOException {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));

    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start()) {
      assertEquals(PluginStatus.ACTIVE, runtime.catalog().plugins().get(0).status(),
          runtime.catalog().plugins().toString());
      CatalogEntry zoom = runtime.catalog().connector("zoom").orElseThrow();
      assertEquals(Json.MAPPER.readTree(Files.readString(BuiltPlugins.ZOOM_DEFINITION)), zoom.definition().document());
      assertEquals("zoom", zoom.pluginId());
      assertEquals(12, zoom.implementation().activities().size());
      assertEquals(3, zoom.implementation().authHandlers().size());
    }
  }

  @Test
  void zipHoldsOnlyThePluginJarWithANonEmptyExtensionIndex() throws IOException {
    List<String> entries = new ArrayList<>();
    byte[] jar = null;
    try (ZipFile zip = new ZipFile(BuiltPlugins.zoomZip().toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        entries.add(entry.getName());
        if (entry.getName().startsWith("lib/patchbay-zoom")) {
          jar = zip.getInputStream(entry).readAllBytes();
        }
      }
    }
    // The connector API, Jackson, PF4J and SLF4J come from the host; a bundled copy would break class identity.
    assertTrue(entries.contains("plugin.properties"), entries.toString());
    assertEquals(1, entries.stream().filter(name -> name.endsWith(".jar")).count(), entries.toString());

    String index = null;
    boolean definition = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (entry.getName().equals("META-INF/extensions.idx")) {
          index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        definition |= entry.getName().equals("connectors/zoom.json");
      }
    }
    assertTrue(definition, "the plugin must carry connectors/zoom.json");
    assertTrue(index != null && index.contains("dev.patchbay.zoom.ZoomConnector"), "extension index: " + index);
    assertFalse(index.lines().anyMatch(line -> line.startsWith("dev.patchbay.api")));
  }
}
