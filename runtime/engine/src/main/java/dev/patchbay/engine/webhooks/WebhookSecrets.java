package dev.patchbay.engine.webhooks;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Each connector's webhook secret token (Zoom's "Secret Token" of the app's event subscription), sealed under the
 * master key like a connection: one file per connector, {@code <connector>.secret}, bound to its name.
 */
public final class WebhookSecrets implements WebhookSecretStore {

  private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final Path folder;
  private final SealedFiles files;

  public WebhookSecrets(Path folder, SealedFiles files) {
    this.folder = folder;
    this.files = files;
  }

  /** Sets (or replaces) the connector's secret token. */
  public void set(String connectorId, Secret token) throws StoreException {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret token must not be empty");
    }
    try {
      OwnerOnlyFiles.createFolders(folder);
    } catch (IOException e) {
      throw new StoreException("cannot create " + folder + ": " + e.getMessage(), e);
    }
    files.write(file(connectorId), name(connectorId), token.reveal().getBytes(StandardCharsets.UTF_8));
  }

  /** The connector's secret token, if one is set; none for what is not a connector id. */
  public Optional<Secret> get(String connectorId) throws StoreException {
    if (!CONNECTOR_ID.matcher(connectorId).matches()) {
      return Optional.empty();
    }
    Path file = file(connectorId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(Secret.of(new String(files.read(file, name(connectorId)), StandardCharsets.UTF_8)));
  }

  /** Removes the connector's secret token; false when none was set. */
  public boolean remove(String connectorId) throws StoreException {
    try {
      return Files.deleteIfExists(file(connectorId));
    } catch (IOException e) {
      throw new StoreException("cannot remove " + file(connectorId) + ": " + e.getMessage(), e);
    }
  }

  public List<String> connectors() throws StoreException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".secret"))
          .map(name -> name.substring(0, name.length() - ".secret".length()))
          .filter(id -> CONNECTOR_ID.matcher(id).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StoreException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private Path file(String connectorId) {
    // Connector ids come from URLs: only a plain id ever names a file in the folder.
    if (!CONNECTOR_ID.matcher(connectorId).matches()) {
      throw new IllegalArgumentException("not a connector id: " + connectorId);
    }
    return folder.resolve(connectorId + ".secret");
  }

  private static String name(String connectorId) {
    return WebhookSecretStore.sealedName(connectorId);
  }
}
