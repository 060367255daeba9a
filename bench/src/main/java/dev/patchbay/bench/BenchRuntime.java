package dev.patchbay.bench;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import java.util.stream.Stream;

/**
 * A {@link PatchbayRuntime} on a temporary home holding the Zoom plugin zip the build put into the distribution,
 * loaded through the real PF4J path, with a random master key from the environment.
 */
final class BenchRuntime implements AutoCloseable {

  static final RateLimit UNTHROTTLED = RateLimit.perSecond(1_000_000_000);

  final Path home;
  final String masterKey;
  final PatchbayRuntime runtime;

  private BenchRuntime(Path home, String masterKey, PatchbayRuntime runtime) {
    this.home = home;
    this.masterKey = masterKey;
    this.runtime = runtime;
  }

  static BenchRuntime start(String prefix) throws IOException {
    return start(prefix, Map.of());
  }

  /** A runtime whose environment adds {@code environment} (a shared store, say) to the random master key. */
  static BenchRuntime start(String prefix, Map<String, String> environment) throws IOException {
    return start(prefix, environment, randomKey());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static BenchRuntime start(String prefix, Map<String, String> environment, String masterKey) throws IOException {
    return start(prefix, environment, masterKey, UnaryOperator.identity());
  }

  /**
   * A runtime whose Zoom connections keep to 10^9 permits a second in every category, set through the public
   * builder: Zoom's Pro defaults (30/s light) would be what is measured.
   */
  static BenchRuntime unthrottled(String prefix, Map<String, String> environment) throws IOException {
    return start(prefix, environment, randomKey(), builder -> builder
        .rateLimit("zoom", "light", UNTHROTTLED)
        .rateLimit("zoom", "medium", UNTHROTTLED)
        .rateLimit("zoom", "heavy", UNTHROTTLED)
        .rateLimit("zoom", "resource-intensive", UNTHROTTLED));
  }

  private static BenchRuntime start(String prefix, Map<String, String> environment, String masterKey,
      UnaryOperator<PatchbayRuntime.Builder> configure) throws IOException {
    Path home = Files.createTempDirectory(prefix);
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    Path zip = zoomZip();
    Files.copy(zip, plugins.resolve(zip.getFileName()));
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.put("PATCHBAY_MASTER_KEY", masterKey);
    PatchbayRuntime runtime = configure.apply(PatchbayRuntime.builder()
        .home(new PatchbayHome(home))
        .environment(env)
        .pluginRoots(List.of(plugins)))
        .start();
    if (runtime.catalog().connector("zoom").isEmpty()) {
      runtime.close();
      throw new IllegalStateException("the Zoom plugin did not load: " + runtime.catalog().failedPlugins());
    }
    return new BenchRuntime(home, masterKey, runtime);
  }

  static Path zoomZip() throws IOException {
    Path folder = ColdStartBenchmark.DIST.resolve("plugins");
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> zips = Files.newDirectoryStream(folder, "zoom-*.zip")) {
        for (Path zip : zips) {
          return zip;
        }
      }
    }
    throw new IllegalStateException("no Zoom plugin zip in " + folder
        + ": build the distribution first (mvn -B -Pbench install -DskipTests)");
  }

  /**
   * A Zoom server-to-server connection named {@code name} to the stand-in whose URLs {@code zoomUrl} gives (a path to
   * a URL: {@link FakeZoom#url}, {@link FakeZoomProcess#url}), made through the real flow against its token endpoint.
   */
  Connection addServerToServer(String name, UnaryOperator<String> zoomUrl) throws Exception {
    return runtime.connections().add(new NewConnection("zoom", "server-to-server", name,
        Map.of("accountId", FakeZoom.ACCOUNT_ID, "clientId", FakeZoom.CLIENT_ID),
        Map.of("clientSecret", Secret.of(FakeZoom.CLIENT_SECRET)), zoomUrl.apply("/v2"), null,
        zoomUrl.apply("/oauth/token"), null), new UnattendedBrowser(new OkHttpClient()));
  }

  @Override
  public void close() {
    runtime.close();
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
