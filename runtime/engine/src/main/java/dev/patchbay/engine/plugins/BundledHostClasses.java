package dev.patchbay.engine.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds classes of the libraries the host supplies (the connector API, PF4J, Jackson, SLF4J) inside an unpacked
 * plugin. The host's copies always win ({@link HostSharedClassLoader}), so a bundled copy is dead weight at best and,
 * for PF4J, a second plugin framework inside the plugin at worst; an archive carrying one is refused with the names of
 * the jars to drop.
 */
final class BundledHostClasses {

  /** Package folders the host supplies, with the library each belongs to. */
  private static final List<String[]> HOST_LIBRARIES = List.of(
      new String[] {"dev/patchbay/api/", "the Patchbay connector API"},
      new String[] {"org/pf4j/", "PF4J"},
      new String[] {"tools/jackson/", "Jackson"},
      new String[] {"com/fasterxml/jackson/annotation/", "Jackson annotations"},
      new String[] {"org/slf4j/", "SLF4J"});

  /** A multi-release jar's classes for a later Java live under this prefix. */
  private static final Pattern MULTI_RELEASE = Pattern.compile("^META-INF/versions/\\d+/");

  private BundledHostClasses() {}

  /**
   * Why the plugin unpacked in {@code folder} is refused, or empty when it bundles none of the host's libraries.
   * PF4J's plugin class path is {@code classes/} and {@code lib/*.jar}; both are looked at.
   */
  static Optional<String> refusal(Path folder) throws IOException {
    List<String> findings = new ArrayList<>();
    Path classes = folder.resolve("classes");
    if (Files.isDirectory(classes)) {
      try (Stream<Path> files = Files.walk(classes)) {
        Set<String> libraries = new LinkedHashSet<>();
        files.filter(Files::isRegularFile)
            .map(file -> classes.relativize(file).toString().replace('\\', '/'))
            .forEach(name -> library(name).ifPresent(libraries::add));
        if (!libraries.isEmpty()) {
          findings.add("classes/ (" + String.join(", ", libraries) + ")");
        }
      }
    }
    Path lib = folder.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
        List<Path> sorted = new ArrayList<>();
        jars.forEach(sorted::add);
        sorted.sort(null);
        for (Path jar : sorted) {
          Set<String> libraries = librariesIn(jar);
          if (!libraries.isEmpty()) {
            findings.add("lib/" + jar.getFileName() + " (" + String.join(", ", libraries) + ")");
          }
        }
      }
    }
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("bundles classes the host supplies: " + String.join("; ", findings) + ". The host provides "
        + "the connector API, PF4J, Jackson and SLF4J: declare them with <scope>provided</scope> and rebuild "
        + "(the patchbay-connector-parent build refuses such a zip)");
  }

  private static Set<String> librariesIn(Path jar) throws IOException {
    Set<String> libraries = new LinkedHashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        library(entries.nextElement().getName()).ifPresent(libraries::add);
      }
    }
    return libraries;
  }

  private static Optional<String> library(String entryName) {
    if (!entryName.endsWith(".class")) {
      return Optional.empty();
    }
    String name = MULTI_RELEASE.matcher(entryName).replaceFirst("");
    for (String[] library : HOST_LIBRARIES) {
      if (name.startsWith(library[0])) {
        return Optional.of(library[1]);
      }
    }
    return Optional.empty();
  }
}
