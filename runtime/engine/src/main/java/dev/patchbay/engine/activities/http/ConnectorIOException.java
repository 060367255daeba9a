package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import java.io.IOException;

/**
 * Carries a {@link ConnectorException} out of an OkHttp interceptor, whose contract only lets IOExceptions
 * through; {@link RetryLoop} unwraps it.
 */
final class ConnectorIOException extends IOException {

  private static final long serialVersionUID = 1L;

  private final ConnectorException failure;

  ConnectorIOException(ConnectorException failure) {
    super(failure.getMessage(), failure);
    this.failure = failure;
  }

  ConnectorException failure() {
    return failure;
  }
}
