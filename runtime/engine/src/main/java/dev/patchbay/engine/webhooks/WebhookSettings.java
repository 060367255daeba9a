package dev.patchbay.engine.webhooks;

import java.time.Duration;

/**
 * How the inbox receives.
 *
 * @param window how old a delivery's signing time may be (at most {@link #MAX_WINDOW}); also, with the skew, how long
 *     signatures and delivery keys are remembered to drop replays and retries. Zoom retries after 5, 25 and 85 minutes, possibly with the first
 *     attempt's timestamp, so the default of 90 minutes lets every retry in and still drops it when its event was
 *     processed
 * @param futureSkew how far ahead of this machine's clock a signing time may be (clocks differ by seconds; more is
 *     a forged or broken timestamp)
 * @param queueCapacity events waiting to be processed; one more is refused, so the provider delivers it again
 * @param workers events processed at once
 * @param remembered signatures and delivery keys remembered at most, each; the oldest is forgotten first
 * @param lease on a shared store, how long an event a replica claimed stays its own without the replica renewing
 *     the claim (it renews every third of it while processing); past it, another replica takes the event, which is
 *     how the events of a replica that died are processed
 */
public record WebhookSettings(Duration window, Duration futureSkew, int queueCapacity, int workers, int remembered,
    Duration lease) {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(90);
  /**
   * How long a provider keeps retrying one event, possibly signing each retry anew: Zoom's last retry comes 85 minutes
   * after the first attempt, the longest of the connectors here. A connector definition does not declare it yet.
   */
  static final Duration PROVIDER_RETRY_SPAN = Duration.ofMinutes(90);
  /** Longer would keep a replayed delivery's key past any sensible clock skew, and overflows nothing. */
  public static final Duration MAX_WINDOW = Duration.ofDays(7);

  public WebhookSettings {
    if (window.isNegative() || window.isZero() || futureSkew.isNegative()) {
      throw new IllegalArgumentException("the window must be positive and the skew not negative");
    }
    if (window.compareTo(MAX_WINDOW) > 0 || futureSkew.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("the window and the skew must be at most " + MAX_WINDOW.toDays() + " days");
    }
    if (lease.toMillis() < 3) {
      throw new IllegalArgumentException("the lease must be at least 3 milliseconds, to be renewed within it");
    }
    if (queueCapacity < 1 || workers < 1 || remembered < 1) {
      throw new IllegalArgumentException("queue capacity, workers and remembered keys must be positive");
    }
  }

  /**
   * How long a signature is remembered: as long as it passes the window, which for one signed ahead of this clock is
   * the window plus that skew.
   */
  public Duration signaturesKept() {
    return window.plus(futureSkew);
  }

  /**
   * How long a delivery key is remembered: as long as a signature, and at least as long as the provider retries, so
   * a retry signed anew is still known when the window is short.
   */
  public Duration deliveriesKept() {
    return (window.compareTo(PROVIDER_RETRY_SPAN) > 0 ? window : PROVIDER_RETRY_SPAN).plus(futureSkew);
  }

  /** 90 minutes, 5 minutes of skew, 1000 queued events, 4 workers, 100 000 remembered keys, a 60-second lease. */
  public static WebhookSettings defaults() {
    return new WebhookSettings(DEFAULT_WINDOW, Duration.ofMinutes(5), 1000, 4, 100_000, Duration.ofSeconds(60));
  }

  public WebhookSettings withWindow(Duration newWindow) {
    return new WebhookSettings(newWindow, futureSkew, queueCapacity, workers, remembered, lease);
  }

  public WebhookSettings withQueue(int capacity, int workerCount) {
    return new WebhookSettings(window, futureSkew, capacity, workerCount, remembered, lease);
  }

  public WebhookSettings withLease(Duration newLease) {
    return new WebhookSettings(window, futureSkew, queueCapacity, workers, remembered, newLease);
  }
}
