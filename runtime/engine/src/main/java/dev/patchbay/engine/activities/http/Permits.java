package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;

/** Taken before every attempt of a request; rate limiting is one kind, downloads take none. */
@FunctionalInterface
interface Permits {

  Permits NONE = () -> { };

  /** Waits until the request may go out. */
  void acquire() throws ConnectorException;
}
