package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.store.StoreException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The operator's OAuth apps, for auth types whose client is the operator's (the user only signs in). Per connector,
 * from the environment ({@code PATCHBAY_ZOOM_CLIENT_ID}, {@code PATCHBAY_ZOOM_CLIENT_SECRET}) or else from
 * {@code $PATCHBAY_HOME/config/<connector>.properties} ({@code clientId=…}, {@code clientSecret=…}).
 */
public final class OperatorApps {

  /** An OAuth client. */
  public record App(String clientId, Secret clientSecret) {}

  private final Map<String, String> env;
  private final Path configFolder;

  public OperatorApps(Map<String, String> env, Path configFolder) {
    this.env = env;
    this.configFolder = configFolder;
  }

  /**
   * The operator's app for a connector, if configured.
   *
   * @throws IOException when its file cannot be read, or others may read it (it holds the client secret)
   */
  public Optional<App> app(String connectorId) throws IOException {
    String prefix = "PATCHBAY_" + connectorId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    String id = env.get(prefix + "CLIENT_ID");
    String secret = env.get(prefix + "CLIENT_SECRET");
    if (id != null && secret != null) {
      return Optional.of(new App(id, Secret.of(secret)));
    }
    Path file = configFile(connectorId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      OwnerOnlyFiles.requireOwnerOnly(file);
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    String fileId = properties.getProperty("clientId");
    String fileSecret = properties.getProperty("clientSecret");
    return fileId == null || fileSecret == null ? Optional.empty() : Optional.of(new App(fileId, Secret.of(fileSecret)));
  }

  /** What to tell an operator who has not configured the app yet. */
  public String howToConfigure(String connectorId) {
    String prefix = "PATCHBAY_" + connectorId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    return "set " + prefix + "CLIENT_ID and " + prefix + "CLIENT_SECRET, or write clientId= and clientSecret= to "
        + configFile(connectorId) + " (mode 600)";
  }

  private Path configFile(String connectorId) {
    return configFolder.resolve(connectorId + ".properties");
  }
}
