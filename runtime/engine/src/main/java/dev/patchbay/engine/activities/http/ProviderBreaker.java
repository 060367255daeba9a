package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.time.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one provider endpoint, shared by every activity of the runner (RELIABILITY R22): after
 * {@link #FAILURES_TO_OPEN} requests in a row got a 5xx or no answer, it opens and requests fail at once, without
 * being sent, for {@link #OPEN_FOR}; then one request is let through as a probe, whose outcome closes the breaker or
 * opens it again. Any other answer (2xx, 4xx, 429) shows the provider is up. Refused token refreshes never count:
 * they mark their connection instead.
 */
final class ProviderBreaker {

  static final int FAILURES_TO_OPEN = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  private final String provider;
  private final Clock clock;
  private int failuresInARow;
  private String lastFailure;
  private Instant openUntil;
  private boolean probing;

  ProviderBreaker(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /**
   * Lets a request go, or refuses it while the breaker is open.
   *
   * @param label the request, for the message ({@code GET /users/{userId}})
   */
  synchronized void admit(String label) throws HttpFailure {
    if (openUntil == null) {
      return;
    }
    Instant now = clock.instant();
    if (!probing && !now.isBefore(openUntil)) {
      probing = true;
      return;
    }
    Duration wait = probing ? OPEN_FOR : Duration.between(now, openUntil);
    throw HttpFailure.refused(ErrorCode.UPSTREAM_ERROR, label + " was not sent: " + provider + " failed the last "
        + failuresInARow + " requests in a row (the last: " + lastFailure + "), so Patchbay sends it nothing until "
        + openUntil + ", then tries one request. Retry after " + Durations.text(wait) + ".", wait);
  }

  /** The provider answered, with anything but a 5xx. */
  synchronized void answered() {
    failuresInARow = 0;
    lastFailure = null;
    openUntil = null;
    probing = false;
  }

  /** A 5xx, or no answer at all; {@code what} says which, for the message of refused requests. */
  synchronized void failed(String what) {
    failuresInARow++;
    lastFailure = what;
    if (probing || failuresInARow >= FAILURES_TO_OPEN) {
      openUntil = clock.instant().plus(OPEN_FOR);
      probing = false;
    }
  }

  /** The admitted request came to no verdict (its activity was stopped): a probe may go again. */
  synchronized void released() {
    probing = false;
  }
}
