package dev.patchbay.engine.auth;

import java.io.IOException;

/** Shows the user the provider's authorization page. */
@FunctionalInterface
public interface Browser {

  /** Opens {@code url}; returns once it is shown (the answer comes back through the loopback redirect). */
  void open(String url) throws IOException;
}
