package dev.patchbay.engine.activities;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.testplugin.RelayConnector;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.testing.PluginZipBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The relay test connector, loaded from a real plugin zip through PF4J like any dropped-in plugin. */
final class RelayRuntime implements AutoCloseable {

  private final PatchbayRuntime runtime;

  private RelayRuntime(PatchbayRuntime runtime) {
    this.runtime = runtime;
  }

  static RelayRuntime start(Path home) {
    PluginZipBuilder zip = new PluginZipBuilder("relay")
        .extension(RelayConnector.class)
        .resource("connectors/relay.json", definition());
    RelayConnector.ACTIVITY_CLASSES.forEach(zip::withClass);
    zip.writeTo(home.resolve("plugins"));
    RelayRuntime relay = new RelayRuntime(PatchbayRuntime.builder().home(new PatchbayHome(home)).start());
    if (relay.catalog().connector("relay").isEmpty()) {
      throw new IllegalStateException("the relay plugin did not load: " + relay.catalog().plugins());
    }
    return relay;
  }

  Catalog catalog() {
    return runtime.catalog();
  }

  private static String definition() {
    try (InputStream in = RelayRuntime.class.getResourceAsStream("/activities/relay.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    runtime.close();
  }
}
