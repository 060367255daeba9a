package dev.patchbay.engine.store;

import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.webhooks.WebhookSecretStore;

/**
 * A store several Patchbay processes share (a database), opened by a {@link StoreProvider}: it keeps connections
 * and webhook secret tokens sealed under the master key each process holds, so the store itself never sees a
 * plaintext credential.
 */
public interface SharedStore extends AutoCloseable {

  /** Where the store is, without any password, for messages: {@code postgresql://patchbay@db:5432/patchbay}. */
  String location();

  StoredConnections connections(SealedFiles sealing);

  WebhookSecretStore webhookSecrets(SealedFiles sealing);

  /** Releases the store's connections; what was written stays. */
  @Override
  void close();
}
