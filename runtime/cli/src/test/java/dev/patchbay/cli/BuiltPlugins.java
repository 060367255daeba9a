package dev.patchbay.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plugin zips the build put into the distribution, for tests that load them through the real PF4J path. */
final class BuiltPlugins {

  static final Path DIST_PLUGINS = Path.of("target", "patchbay", "plugins");
  static final Path ZOOM_DEFINITION = Path.of("..", "..", "connector-defs", "zoom.json");

  private BuiltPlugins() {}

  static Path zoomZip() {
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(DIST_PLUGINS, "zoom-*.zip")) {
      for (Path zip : zips) {
        return zip;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("run the build first (mvn verify): " + DIST_PLUGINS, e);
    }
    throw new IllegalStateException("no zoom-*.zip in " + DIST_PLUGINS + "; run the build first (mvn verify)");
  }

  /** Copies the Zoom plugin zip into {@code folder} and returns the copy. */
  static Path copyZoomInto(Path folder) {
    try {
      Files.createDirectories(folder);
      Path zip = zoomZip();
      return Files.copy(zip, folder.resolve(zip.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
