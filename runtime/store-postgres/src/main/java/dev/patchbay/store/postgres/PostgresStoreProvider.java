package dev.patchbay.store.postgres;

import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreLocation;
import dev.patchbay.engine.store.StoreProvider;
import dev.patchbay.engine.store.StoreUnavailableException;

/** Opens {@code postgresql://} stores; found by the engine through {@link java.util.ServiceLoader}. */
public final class PostgresStoreProvider implements StoreProvider {

  @Override
  public String scheme() {
    return "postgresql";
  }

  @Override
  public SharedStore open(StoreLocation location) throws StoreUnavailableException {
    return PostgresStore.open(location);
  }
}
