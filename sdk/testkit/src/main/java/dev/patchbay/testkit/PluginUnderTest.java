package dev.patchbay.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The plugin a test loads into the runtime: a built zip, or the project's own build before {@code package} (its
 * compiled classes plus what {@code patchbay-maven-plugin:prepare} laid out in {@code target/patchbay-plugin}), so
 * plain {@code mvn test} runs the plugin through the real PF4J loading path.
 */
public abstract class PluginUnderTest {

  private PluginUnderTest() {}

  /**
   * The plugin of the Maven project the tests run in: {@code target/classes} and {@code target/patchbay-plugin}
   * (relative to the working directory, which surefire sets to the project's folder).
   */
  public static PluginUnderTest fromBuild() {
    return fromBuild(Path.of("target"));
  }

  /** The plugin built into {@code buildDirectory}: its {@code classes} and {@code patchbay-plugin} folders. */
  public static PluginUnderTest fromBuild(Path buildDirectory) {
    return new FromBuild(buildDirectory.toAbsolutePath());
  }

  /** A built plugin zip. */
  public static PluginUnderTest zip(Path zip) {
    return new Zip(zip.toAbsolutePath());
  }

  /** Writes the plugin as a zip into {@code folder}, where the runtime loads it from. */
  abstract Path writeTo(Path folder) throws IOException;

  private static final class Zip extends PluginUnderTest {
    private final Path zip;

    Zip(Path zip) {
      this.zip = zip;
    }

    @Override
    Path writeTo(Path folder) throws IOException {
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException("no plugin zip at " + zip + ": build it with mvn package");
      }
      return Files.copy(zip, folder.resolve(zip.getFileName()));
    }
  }

  private static final class FromBuild extends PluginUnderTest {
    private final Path buildDirectory;

    FromBuild(Path buildDirectory) {
      this.buildDirectory = buildDirectory;
    }

    @Override
    Path writeTo(Path folder) throws IOException {
      Path classes = buildDirectory.resolve("classes");
      Path layout = buildDirectory.resolve("patchbay-plugin");
      if (!Files.isRegularFile(layout.resolve("plugin.properties"))) {
        throw new IllegalStateException(layout + " holds no plugin.properties: build with patchbay-connector-parent "
            + "(its prepare goal runs before the tests), or test a built zip with PluginUnderTest.zip(...)");
      }
      Path zip = folder.resolve("plugin-under-test.zip");
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
        out.putNextEntry(new ZipEntry("plugin.properties"));
        Files.copy(layout.resolve("plugin.properties"), out);
        out.closeEntry();
        out.putNextEntry(new ZipEntry("lib/plugin-under-test.jar"));
        writeJar(classes, out);
        out.closeEntry();
        for (Path library : list(layout.resolve("lib"))) {
          out.putNextEntry(new ZipEntry("lib/" + library.getFileName()));
          Files.copy(library, out);
          out.closeEntry();
        }
      }
      return zip;
    }

    private static void writeJar(Path classes, java.io.OutputStream target) throws IOException {
      // A ZipOutputStream closing would close the outer zip too; finish() writes the jar's directory and stops.
      ZipOutputStream jar = new ZipOutputStream(target);
      for (Path file : walk(classes)) {
        jar.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jar);
        jar.closeEntry();
      }
      jar.finish();
    }

    private static List<Path> walk(Path folder) throws IOException {
      if (!Files.isDirectory(folder)) {
        throw new IllegalStateException("no compiled classes in " + folder);
      }
      try (Stream<Path> files = Files.walk(folder)) {
        return files.filter(Files::isRegularFile).sorted().toList();
      }
    }

    private static List<Path> list(Path folder) throws IOException {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(folder)) {
        return files.sorted().toList();
      }
    }
  }
}
