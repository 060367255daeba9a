package dev.patchbay.engine.store;

import dev.patchbay.engine.secrets.Secret;
import java.net.URI;

/**
 * Where a shared store is: a URL without a password ({@code postgresql://USER@HOST:PORT/DATABASE}) and the password,
 * which comes from the environment or a file, never from the URL or a command line.
 *
 * @param password empty when the server needs none
 */
public record StoreLocation(URI url, Secret password) {

  public String scheme() {
    return url.getScheme();
  }

  @Override
  public String toString() {
    return url.toString();
  }
}
