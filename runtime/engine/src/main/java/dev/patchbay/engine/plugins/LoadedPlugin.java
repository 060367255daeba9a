package dev.patchbay.engine.plugins;

import dev.patchbay.api.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.util.List;
import java.util.Optional;

/**
 * A plugin archive after loading: its report and, when it started, the connector implementations it contributes.
 */
public record LoadedPlugin(PluginReport report, List<Connector> connectors, ClassLoader classLoader) {

  public LoadedPlugin {
    connectors = List.copyOf(connectors);
  }

  static LoadedPlugin failed(PluginReport report) {
    return new LoadedPlugin(report, List.of(), null);
  }

  /**
   * Reads a resource from this plugin only: a missing resource must not fall back to the host's classpath.
   */
  public Optional<byte[]> readOwnResource(String name) throws IOException {
    if (!(classLoader instanceof URLClassLoader own)) {
      return Optional.empty();
    }
    URL url = own.findResource(name);
    if (url == null) {
      return Optional.empty();
    }
    URLConnection connection = url.openConnection();
    // A cached jar: connection would keep the plugin's jar open after unload.
    connection.setUseCaches(false);
    try (InputStream in = connection.getInputStream()) {
      return Optional.of(in.readAllBytes());
    }
  }
}
