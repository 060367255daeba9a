package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import java.util.Optional;

/**
 * Where connections are kept, sealed under the master key: {@link ConnectionStore} (files, the embedded default) or
 * a shared database. Every process using one store sees the others' changes, and {@link #locked} excludes the
 * other processes too, so a token refresh happens once however many processes want it.
 */
public interface StoredConnections {

  /** The master key the store seals with: a connection sealed with another one is named by its key id. */
  MasterKey key();

  /** What the store holds: every connection it can open, and a line for each it cannot. */
  ConnectionStore.Listing list();

  /**
   * The connection with this name, read afresh; empty when there is none, or when the store holds one it cannot open
   * ({@link #list} names it).
   *
   * @throws StoreOutageException the store could not be used: not a sign that there is no such connection
   */
  Optional<StoredConnection> findByName(String name) throws StoreOutageException;

  /**
   * The connection with this name, without its credentials; may answer from what was read before when the store
   * can tell cheaply that nothing changed since.
   *
   * @throws StoreOutageException the store could not be used: not a sign that there is no such connection
   */
  Optional<Connection> describe(String name) throws StoreOutageException;

  StoredConnection read(String id) throws StoreException;

  void write(StoredConnection stored) throws StoreException;

  /** Deletes it; only inside {@link #locked} for its id, so no refresh in any process writes it back. */
  void delete(String id) throws StoreException;

  /**
   * Notes, durably, that a refresh request is about to be sent; cleared once its answer is stored. Found set later,
   * it means a process stopped between the two, and the provider may have rotated the refresh token we hold.
   */
  void markRefreshInFlight(String id) throws StoreException;

  boolean refreshWasInFlight(String id) throws StoreException;

  /**
   * Notes, durably, that the refresh in flight got no answer ({@code why}: timed out, connection broken) though it
   * may have reached the provider; the mark stays, and the next refresh can say what happened.
   */
  void noteRefreshUnanswered(String id, String why) throws StoreException;

  /** Why an earlier refresh got no answer, if {@link #noteRefreshUnanswered} said; empty if the process stopped. */
  Optional<String> unansweredRefresh(String id) throws StoreException;

  void clearRefreshInFlight(String id) throws StoreException;

  /**
   * Runs {@code work} while no other thread or process holds the connection's lock. A holder that dies releases
   * it, so a killed process never blocks the others.
   */
  <T, E extends Exception> T locked(String id, ConnectionStore.LockedWork<T, E> work) throws E, StoreException;
}
