package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.temporal.SealingPayloadCodec;
import dev.patchbay.temporal.TemporalAccess;
import dev.patchbay.temporal.TemporalAccessException;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalUnavailableException;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a Temporal service is, for the commands that work with runs on Temporal. */
final class TemporalOptions {

  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      description = "Run on this Temporal service (its frontend, e.g. localhost:7233) instead of this process")
  String target;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = TemporalSettings.DEFAULT_NAMESPACE,
      description = "The Temporal namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", defaultValue = TemporalSettings.DEFAULT_TASK_QUEUE,
      description = "The task queue workers poll (default: ${DEFAULT-VALUE})")
  String taskQueue;

  @Option(names = "--temporal-tls",
      description = "Connect over TLS (implied by the certificate and CA options, never by an API key), checking "
          + "the server against the JVM's trusted authorities or --temporal-tls-ca")
  boolean tls;

  @Option(names = "--temporal-tls-cert", paramLabel = "FILE",
      description = "Client certificate chain (PEM) for mutual TLS, with --temporal-tls-key")
  Path clientCertificate;

  @Option(names = "--temporal-tls-key", paramLabel = "FILE",
      description = "The client certificate's private key (PKCS#8 PEM)")
  Path clientKey;

  @Option(names = "--temporal-tls-ca", paramLabel = "FILE",
      description = "The authority (PEM) the server's certificate must chain to, when the JVM's do not cover it")
  Path serverCa;

  @Option(names = "--temporal-api-key-file", paramLabel = "FILE",
      description = "A file holding the API key (Temporal Cloud), sent with each call; needs --temporal-tls; or set "
          + API_KEY_ENV)
  Path apiKeyFile;

  /** The environment variable holding the API key, when no file is given. */
  static final String API_KEY_ENV = "PATCHBAY_TEMPORAL_API_KEY";

  boolean enabled() {
    return target != null;
  }

  /**
   * Connects to the service these options name, payloads sealed with the runtime's master key; a service that
   * cannot be reached is exit 17, TLS or credentials it does not take are configuration (exit 5).
   */
  TemporalConnection connect(PatchbayRuntime runtime) throws ConnectorException {
    TemporalSettings settings = settings();
    DataConverter sealed = SealingPayloadCodec.converter(runtime.sealing());
    try {
      return TemporalConnection.open(settings, sealed);
    } catch (TemporalUnavailableException e) {
      throw new UserException(ExitCode.of(ErrorCode.UPSTREAM_ERROR), e.getMessage());
    } catch (TemporalAccessException e) {
      throw new UserException(ExitCode.CONFIGURATION, e.getMessage());
    }
  }

  /**
   * Refuses, before anything starts, to start runs on Temporal from a home without the installation's master key:
   * their payloads are sealed with it, so a key made here would leave the workers unable to open them.
   */
  static void requireInstallationKey(PatchbayRuntime runtime) {
    if (!runtime.hasMasterKey()) {
      throw new UserException(ExitCode.CONFIGURATION, "no master key here (" + MasterKey.ENV + " is not set and "
          + runtime.home().keys().resolve("master.key") + " does not exist): runs on Temporal are sealed with the "
          + "master key of the installation whose workers run them, and a new key would leave them unreadable to the "
          + "workers. Point " + PatchbayHome.ENV + " (or --home) at the workers' home, or set " + MasterKey.ENV
          + " to their key");
    }
  }

  TemporalSettings settings() {
    if (!target.matches("[^\\s:/]+:\\d{1,5}")) {
      throw new UserException(ExitCode.USAGE, "--temporal takes HOST:PORT (the Temporal frontend, e.g. "
          + "localhost:7233), not '" + target + "'");
    }
    return TemporalSettings.of(target).withNamespace(namespace).withTaskQueue(taskQueue).withAccess(access());
  }

  /** TLS and credentials as given: each file must be there and readable (else exit 5), before anything starts. */
  private TemporalAccess access() {
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new UserException(ExitCode.USAGE, "--temporal-tls-cert and --temporal-tls-key go together: give the "
          + "client certificate and its private key, or neither");
    }
    Optional<Secret> apiKey = apiKey();
    boolean tlsAskedFor = tls || clientCertificate != null || serverCa != null;
    if (apiKey.isPresent() && !tlsAskedFor) {
      throw new UserException(ExitCode.CONFIGURATION, (apiKeyFile != null ? "--temporal-api-key-file " + apiKeyFile
          : API_KEY_ENV) + " gives a Temporal API key, which is sent only over TLS, and TLS is off: add "
          + "--temporal-tls (Temporal Cloud speaks TLS); for a plaintext server such as a development one, "
          + (apiKeyFile != null ? "drop --temporal-api-key-file" : "unset " + API_KEY_ENV));
    }
    return new TemporalAccess(tls, readable(clientCertificate, "--temporal-tls-cert"),
        readable(clientKey, "--temporal-tls-key"), readable(serverCa, "--temporal-tls-ca"), apiKey);
  }

  private Optional<Secret> apiKey() {
    if (apiKeyFile != null) {
      String key;
      try {
        key = Files.readString(readable(apiKeyFile, "--temporal-api-key-file").orElseThrow()).trim();
      } catch (IOException e) {
        throw new UserException(ExitCode.CONFIGURATION, "--temporal-api-key-file " + apiKeyFile
            + " cannot be read: " + e.getMessage());
      }
      if (key.isEmpty()) {
        throw new UserException(ExitCode.CONFIGURATION, "--temporal-api-key-file " + apiKeyFile
            + " is empty: put the Temporal API key in it");
      }
      return Optional.of(Secret.of(key));
    }
    String fromEnvironment = System.getenv(API_KEY_ENV);
    return fromEnvironment == null || fromEnvironment.isBlank() ? Optional.empty()
        : Optional.of(Secret.of(fromEnvironment.trim()));
  }

  private static Optional<Path> readable(Path file, String option) {
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new UserException(ExitCode.CONFIGURATION, option + " " + file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new UserException(ExitCode.CONFIGURATION, option + " " + file + ": not readable by this user");
    }
    return Optional.of(file);
  }
}
