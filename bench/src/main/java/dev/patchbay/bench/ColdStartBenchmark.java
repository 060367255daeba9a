package dev.patchbay.bench;

import dev.patchbay.engine.testing.PluginZipBuilder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start of {@code patchbay connectors list}, process start to exit, as a user runs it: the distribution's
 * launcher, a fresh JVM each time. The baseline is the same JVM with the same flags and classpath starting a
 * class that does nothing ({@link Noop}): the ratio is what Patchbay adds to the JVM's own start.
 *
 * <p>{@code connectorsListZoomCopied} runs a copy of the distribution in another folder, after its first run there
 * made that folder's class-data sharing archive (issue 16).
 *
 * <p>{@code connectorsList50Declarative} is the Zoom home plus 50 bare declarative definitions in its
 * {@code connectors/} (GitHub's definition under 50 ids, 30 KB each): against {@code connectorsListZoom}, what 50
 * declarative connectors add to the list (issue 12).
 *
 * <p>Every run starts with the plugin archives already unpacked (the first run after installing a plugin unpacks
 * it once). Definitions are checked once per content and remembered in {@code cache/verified-definitions};
 * {@code connectorsList20PluginsUnverified} forgets that before each run, which is what the first run after
 * installing or upgrading 20 plugins costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
@Fork(1)
public class ColdStartBenchmark {

  /** The distribution the build made; override with -Dpatchbay.dist=... */
  static final Path DIST = Path.of(System.getProperty("patchbay.dist", "../runtime/cli/target/patchbay"))
      .toAbsolutePath().normalize();

  Path zoomHome;
  Path twentyHome;
  Path fiftyDeclarativeHome;
  Path copiedDist;

  @Setup(Level.Trial)
  public void createHomes() throws Exception {
    if (!Files.isExecutable(DIST.resolve("bin/patchbay"))) {
      throw new IllegalStateException("no distribution at " + DIST + ": build it first (mvn -B package -DskipTests)");
    }
    Path zoomZip = zoomZip();
    zoomHome = Files.createTempDirectory("patchbay-bench-zoom");
    Files.createDirectories(zoomHome.resolve("plugins"));
    Files.copy(zoomZip, zoomHome.resolve("plugins").resolve(zoomZip.getFileName()));

    twentyHome = Files.createTempDirectory("patchbay-bench-20");
    String zoomDefinition = Files.readString(Path.of("../connector-defs/zoom.json"));
    for (int i = 1; i <= 20; i++) {
      String id = "gen-" + i;
      new PluginZipBuilder(id)
          .extension(GeneratedConnector.class)
          .resource(GeneratedConnector.ID_RESOURCE, id)
          .resource("connectors/" + id + ".json",
              zoomDefinition.replaceFirst("\"id\"\\s*:\\s*\"zoom\"", "\"id\": \"" + id + "\""))
          .writeTo(twentyHome.resolve("plugins"));
    }
    fiftyDeclarativeHome = Files.createTempDirectory("patchbay-bench-50-declarative");
    Files.createDirectories(fiftyDeclarativeHome.resolve("plugins"));
    Files.copy(zoomZip, fiftyDeclarativeHome.resolve("plugins").resolve(zoomZip.getFileName()));
    Path definitions = Files.createDirectories(fiftyDeclarativeHome.resolve("connectors"));
    String github = Files.readString(Path.of("../connector-defs/github.json"));
    for (int i = 1; i <= 50; i++) {
      String id = String.format("gh-%02d", i);
      Files.writeString(definitions.resolve(id + ".json"),
          github.replaceFirst("\"id\"\\s*:\\s*\"github\"", "\"id\": \"" + id + "\""));
    }
    copiedDist = Files.createTempDirectory("patchbay-bench-dist").resolve("patchbay");
    copyFolder(DIST, copiedDist);
    // Fill the plugin caches and the copy's archive, and check that every plugin really loads.
    int bundled = bundledDefinitions();
    expectConnectors(run(zoomHome, "connectors", "list"), 1 + bundled);
    expectConnectors(run(twentyHome, "connectors", "list"), 20 + bundled);
    expectConnectors(run(fiftyDeclarativeHome, "connectors", "list"), 51 + bundled);
    expectConnectors(run(copiedDist, zoomHome, "connectors", "list"), 1 + bundled);
  }

  @Benchmark
  public int jvmBaseline() throws Exception {
    return exec(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
        DIST.resolve("lib").toString() + "/*" + java.io.File.pathSeparator + System.getProperty("java.class.path"),
        Noop.class.getName()), null).exitCode();
  }

  @Benchmark
  public int connectorsListZoom() throws Exception {
    return run(zoomHome, "connectors", "list").exitCode();
  }

  @Benchmark
  public int connectorsListZoomCopied() throws Exception {
    return run(copiedDist, zoomHome, "connectors", "list").exitCode();
  }

  @Benchmark
  public int connectorsList50Declarative() throws Exception {
    return run(fiftyDeclarativeHome, "connectors", "list").exitCode();
  }

  @Benchmark
  public int connectorsList20Plugins() throws Exception {
    return run(twentyHome, "connectors", "list").exitCode();
  }

  @Benchmark
  public int connectorsList20PluginsUnverified(Unverified unverified) throws Exception {
    return run(unverified.home, "connectors", "list").exitCode();
  }

  /** The 20-plugin home with its record of verified definitions deleted before every run. */
  @State(Scope.Thread)
  public static class Unverified {
    Path home;

    @Setup(Level.Invocation)
    public void forgetVerifiedDefinitions(ColdStartBenchmark benchmark) throws IOException {
      home = benchmark.twentyHome;
      Path verified = home.resolve("cache").resolve("verified-definitions");
      if (Files.isDirectory(verified)) {
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(verified)) {
          for (Path marker : markers) {
            Files.delete(marker);
          }
        }
      }
    }
  }

  static Result run(Path home, String... args) throws Exception {
    return run(DIST, home, args);
  }

  static Result run(Path dist, Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(dist.resolve("bin/patchbay").toString());
    command.addAll(List.of(args));
    command.add("--plugins");
    command.add(home.resolve("plugins").toString());
    command.add("--home");
    command.add(home.toString());
    return exec(command, home);
  }

  private static Result exec(List<String> command, Path home) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (home != null) {
      builder.environment().put("PATCHBAY_HOME", home.toString());
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + code + ":\n" + output);
    }
    return new Result(code, output);
  }

  private static void expectConnectors(Result result, int count) {
    long rows = result.output().lines().count() - 1;
    if (rows != count || result.output().contains("failed")) {
      throw new IllegalStateException("expected " + count + " connectors:\n" + result.output());
    }
  }

  /** A copy as {@code cp -r} makes one: new times, and the launcher's executable bit kept. */
  private static void copyFolder(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
          target.toFile().setExecutable(Files.isExecutable(path));
        }
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The declarative definitions the distribution ships in its {@code connectors/}, listed in every home. */
  private static int bundledDefinitions() throws IOException {
    int count = 0;
    try (DirectoryStream<Path> definitions = Files.newDirectoryStream(DIST.resolve("connectors"), "*.json")) {
      for (Path ignored : definitions) {
        count++;
      }
    }
    return count;
  }

  private static Path zoomZip() throws IOException {
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(DIST.resolve("plugins"), "zoom-*.zip")) {
      for (Path zip : zips) {
        return zip;
      }
    }
    throw new IllegalStateException("no Zoom plugin in " + DIST.resolve("plugins"));
  }

  record Result(int exitCode, String output) {}

  /** The baseline's main class: a JVM that starts and exits. */
  public static final class Noop {
    public static void main(String[] args) {
      // Nothing: the baseline measures the JVM's own start and exit.
    }
  }
}
