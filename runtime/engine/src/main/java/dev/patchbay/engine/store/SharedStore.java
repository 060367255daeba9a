package dev.patchbay.engine.store;

import dev.patchbay.engine.activities.ratelimit.RateLimitBuckets;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.webhooks.EventStore;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.time.Clock;
import java.util.Optional;

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

  /**
   * The webhook inbox's events, shared by every replica: event bodies sealed (they may carry credentials, such as
   * Zoom's {@code download_token}), duplicate keys shared, events claimed under {@link WebhookSettings#lease()}.
   */
  EventStore webhookEvents(SealedFiles sealing, WebhookSettings settings, Clock clock);

  /**
   * Workflow run records of every process: a run is held by its process's own database session, so a run whose
   * process died reads as INTERRUPTED on every machine; resume values arrive sealed and stay so.
   */
  RunRecords runRecords();

  /** The SHA-256 digest of the servers' API token, shared by every replica; empty until a server made one. */
  Optional<byte[]> apiTokenDigest() throws StoreException;

  /**
   * Keeps {@code digest} as the API token's unless one is kept already, so replicas starting together agree on the
   * first; true when it was kept.
   */
  boolean createApiTokenDigest(byte[] digest) throws StoreException;

  /** Replaces the API token's digest: the old token stops working on every replica. */
  void replaceApiTokenDigest(byte[] digest) throws StoreException;

  /**
   * The rate-limit buckets of the store's connections, one per connection and category, shared by every process:
   * together they stay within each limit.
   */
  RateLimitBuckets rateLimitBuckets();

  /** Releases the store's connections; what was written stays. */
  @Override
  void close();
}
