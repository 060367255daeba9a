package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import java.util.Optional;

/** A real store that fails reading or writing connections while a test says so, as a full disk would. */
final class FailingStore implements StoredConnections {

  static final String FAILURE = "no space left on device";

  private final StoredConnections store;
  volatile boolean failReads;
  volatile boolean failWrites;

  FailingStore(StoredConnections store) {
    this.store = store;
  }

  @Override
  public MasterKey key() {
    return store.key();
  }

  @Override
  public ConnectionStore.Listing list() {
    return store.list();
  }

  @Override
  public Optional<StoredConnection> findByName(String name) throws StoreOutageException {
    return store.findByName(name);
  }

  @Override
  public Optional<Connection> describe(String name) throws StoreOutageException {
    return store.describe(name);
  }

  @Override
  public StoredConnection read(String id) throws StoreException {
    if (failReads) {
      throw new StoreException("cannot read connection " + id + ": " + FAILURE);
    }
    return store.read(id);
  }

  @Override
  public void write(StoredConnection stored) throws StoreException {
    if (failWrites) {
      throw new StoreException("cannot write connection " + stored.id() + ": " + FAILURE);
    }
    store.write(stored);
  }

  @Override
  public void delete(String id) throws StoreException {
    store.delete(id);
  }

  @Override
  public void markRefreshInFlight(String id) throws StoreException {
    store.markRefreshInFlight(id);
  }

  @Override
  public boolean refreshWasInFlight(String id) throws StoreException {
    return store.refreshWasInFlight(id);
  }

  @Override
  public void noteRefreshUnanswered(String id, String why) throws StoreException {
    store.noteRefreshUnanswered(id, why);
  }

  @Override
  public Optional<String> unansweredRefresh(String id) throws StoreException {
    return store.unansweredRefresh(id);
  }

  @Override
  public void clearRefreshInFlight(String id) throws StoreException {
    store.clearRefreshInFlight(id);
  }

  @Override
  public <T, E extends Exception> T locked(String id, ConnectionStore.LockedWork<T, E> work)
      throws E, StoreException {
    return store.locked(id, work);
  }
}
