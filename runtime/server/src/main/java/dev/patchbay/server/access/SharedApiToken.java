package dev.patchbay.server.access;

import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreException;
import java.util.Optional;

/**
 * The API token of servers sharing a store: one token for every replica behind a load balancer, kept in the store
 * only as its SHA-256 digest. The token itself is shown once, by the replica that made it (first start, or {@code
 * --rotate-token}); the others check requests against the digest.
 */
public final class SharedApiToken {

  /**
   * What a server checks requests with.
   *
   * @param token the new token, to show once; null when another replica made it
   */
  public record Loaded(BearerAuth auth, String token) {
    public boolean created() {
      return token != null;
    }
  }

  private final SharedStore store;

  public SharedApiToken(SharedStore store) {
    this.store = store;
  }

  /** The shared token's check, or a new token when none is kept yet. */
  public Loaded loadOrCreate() throws StoreException {
    Optional<byte[]> kept = store.apiTokenDigest();
    if (kept.isPresent()) {
      return new Loaded(BearerAuth.ofDigest(kept.get()), null);
    }
    String token = ApiTokenFile.newToken();
    if (store.createApiTokenDigest(BearerAuth.digest(token))) {
      return new Loaded(new BearerAuth(token), token);
    }
    // Another replica made one in between: its token counts, and this one is forgotten unseen.
    return new Loaded(BearerAuth.ofDigest(store.apiTokenDigest().orElseThrow()), null);
  }

  /** A new token in place of the old one, on every replica from its next start; to show once. */
  public Loaded rotate() throws StoreException {
    String token = ApiTokenFile.newToken();
    store.replaceApiTokenDigest(BearerAuth.digest(token));
    return new Loaded(new BearerAuth(token), token);
  }
}
