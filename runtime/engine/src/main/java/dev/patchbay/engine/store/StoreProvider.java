package dev.patchbay.engine.store;

/**
 * Opens a {@link SharedStore} for the URLs of one scheme. Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.patchbay.engine.store.StoreProvider}), so the engine needs
 * no database driver: the PostgreSQL store is its own module, on the class path of the distribution.
 */
public interface StoreProvider {

  /** The URL scheme this provider opens, such as {@code postgresql}. */
  String scheme();

  /**
   * Opens the store, bringing its schema up to date.
   *
   * @throws StoreUnavailableException the store cannot be reached or used; the message names what to fix
   */
  SharedStore open(StoreLocation location) throws StoreUnavailableException;
}
