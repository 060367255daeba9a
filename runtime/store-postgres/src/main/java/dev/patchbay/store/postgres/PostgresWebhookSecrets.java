package dev.patchbay.store.postgres;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Webhook secret tokens in {@code patchbay_webhook_secrets}, sealed and bound to their connector as in files. */
final class PostgresWebhookSecrets implements WebhookSecretStore {

  private final Sessions sessions;
  private final SealedFiles sealing;

  PostgresWebhookSecrets(Sessions sessions, SealedFiles sealing) {
    this.sessions = sessions;
    this.sealing = sealing;
  }

  @Override
  public void set(String connectorId, Secret token) throws StoreException {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret token must not be empty");
    }
    byte[] sealed = sealing.seal(WebhookSecretStore.sealedName(connectorId),
        token.reveal().getBytes(StandardCharsets.UTF_8));
    sessions.run("set the webhook secret of " + connectorId, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "INSERT INTO patchbay_webhook_secrets (connector, sealed) VALUES (?, ?) ON CONFLICT (connector) "
              + "DO UPDATE SET sealed = excluded.sealed, updated_at = now()")) {
        statement.setString(1, connectorId);
        statement.setBytes(2, sealed);
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Secret> get(String connectorId) throws StoreException {
    byte[] sealed = sessions.run("read the webhook secret of " + connectorId, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT sealed FROM patchbay_webhook_secrets WHERE connector = ?")) {
        statement.setString(1, connectorId);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? result.getBytes(1) : null;
        }
      }
    });
    if (sealed == null) {
      return Optional.empty();
    }
    byte[] token = sealing.open("the webhook secret of " + connectorId + " in " + sessions.where(), sealed,
        WebhookSecretStore.sealedName(connectorId));
    return Optional.of(Secret.of(new String(token, StandardCharsets.UTF_8)));
  }

  @Override
  public boolean remove(String connectorId) throws StoreException {
    int removed = sessions.run("remove the webhook secret of " + connectorId, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "DELETE FROM patchbay_webhook_secrets WHERE connector = ?")) {
        statement.setString(1, connectorId);
        return statement.executeUpdate();
      }
    });
    return removed > 0;
  }

  @Override
  public List<String> connectors() throws StoreException {
    return sessions.run("list webhook secrets", session -> {
      List<String> connectors = new ArrayList<>();
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT connector FROM patchbay_webhook_secrets ORDER BY connector");
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          connectors.add(result.getString(1));
        }
      }
      return connectors;
    });
  }
}
