package dev.patchbay.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.catalog.PluginChange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One structured line per plugin change. */
class PluginChangeLogTest {

  private static final Path ZIP = Path.of("plugins", "zoom.zip");

  @Test
  void replacedNamesBothVersions() {
    assertEquals("plugin=replaced file=zoom.zip id=zoom version=1.1.0 previous=1.0.0", PluginChangeLog.line(
        new PluginChange(PluginChange.Kind.REPLACED, ZIP, "zoom", "1.1.0", "1.0.0", null)));
  }

  @Test
  void failedNamesTheVersionThatKeepsServingAndQuotesTheReason() {
    assertEquals("plugin=failed file=zoom.zip id=zoom version=1.1.0 serving=1.0.0 reason=\"entry 'a\\\"b' is bad\"",
        PluginChangeLog.line(new PluginChange(PluginChange.Kind.FAILED, ZIP, "zoom", "1.1.0", "1.0.0",
            "entry 'a\"b' is bad")));
  }

  @Test
  void aZipWithoutDescriptorHasOnlyItsFileAndReason() {
    assertEquals("plugin=failed file=zoom.zip reason=\"not a readable zip archive\"", PluginChangeLog.line(
        new PluginChange(PluginChange.Kind.FAILED, ZIP, null, null, null, "not a readable zip archive")));
  }
}
