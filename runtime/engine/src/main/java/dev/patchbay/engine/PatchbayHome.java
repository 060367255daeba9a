package dev.patchbay.engine;

import dev.patchbay.engine.plugins.AdmissionPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds a user's Patchbay state: plugins they dropped in, connections, keys, run records, and the
 * cache of unpacked plugins. {@code PATCHBAY_HOME}, else {@code ~/.patchbay}.
 */
public record PatchbayHome(Path root) {

  public static final String ENV = "PATCHBAY_HOME";

  /** The home named by the environment, else {@code ~/.patchbay}. */
  public static PatchbayHome fromEnvironment(Map<String, String> env) {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return new PatchbayHome(Path.of(configured).toAbsolutePath());
    }
    return new PatchbayHome(Path.of(System.getProperty("user.home"), ".patchbay"));
  }

  public Path plugins() {
    return root.resolve("plugins");
  }

  /** Declarative connectors dropped in as bare {@code *.json} definitions. */
  public Path connectors() {
    return root.resolve("connectors");
  }

  /** One encrypted file per connection. */
  public Path connections() {
    return root.resolve("connections");
  }

  /** The generated master key, when {@code PATCHBAY_MASTER_KEY} is not set. */
  public Path keys() {
    return root.resolve("keys");
  }

  /**
   * The operator's configuration: OAuth apps per connector ({@code <connector>.properties}) and the plugin admission
   * policy ({@code plugins.properties}).
   */
  public Path config() {
    return root.resolve("config");
  }

  /** The operator's plugin admission policy; when the file does not exist, every plugin is admitted. */
  public Path pluginAdmissionPolicy() {
    return config().resolve(AdmissionPolicy.FILE_NAME);
  }

  /** Each connector's webhook secret token, sealed under the master key. */
  public Path webhookSecrets() {
    return root.resolve("webhooks");
  }

  /** Workflow run records. */
  public Path runs() {
    return root.resolve("runs");
  }

  /** Where plugin archives are unpacked; safe to delete. */
  public Path pluginCache() {
    return root.resolve("cache").resolve("plugins");
  }

  /** Markers of definition contents that passed every check; safe to delete. */
  public Path verifiedDefinitions() {
    return root.resolve("cache").resolve("verified-definitions");
  }
}
