package dev.patchbay.engine.activities.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of each request to the provider; the activity's deadline bounds them all in addition.
 *
 * @param connect to open a connection
 * @param read longest silence while reading or writing
 * @param call one whole API request, from sending to the end of its answer (enforced up to a tick of the runner's
 *     {@link dev.patchbay.engine.activities.time.Alarms} late); downloads are bounded by the activity's deadline
 *     instead, since a large file may rightly take long
 */
public record HttpTimeouts(Duration connect, Duration read, Duration call) {

  public static final HttpTimeouts DEFAULTS =
      new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public HttpTimeouts {
    positive(connect, "connect");
    positive(read, "read");
    positive(call, "call");
  }

  private static void positive(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(name + " timeout must be positive: " + timeout);
    }
  }
}
