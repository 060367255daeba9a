package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailureSource;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.store.StoreException;
import java.time.Duration;
import java.util.Optional;

/** A permit from the connection's token bucket for the operation's rate-limit category, waited for in time. */
final class RateLimitPermits implements Permits {

  /** When the shared store holding the bucket cannot be used, how long before trying again is worth it. */
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);

  private final RateLimitBucket bucket;
  private final String category;
  private final Waiter waiter;

  RateLimitPermits(RateLimitBucket bucket, String category, Waiter waiter) {
    this.bucket = bucket;
    this.category = category;
    this.waiter = waiter;
  }

  @Override
  public void acquire() throws HttpFailure {
    Deadline deadline = waiter.deadline();
    Optional<Duration> wait;
    Duration free;
    try {
      wait = bucket.reserve(deadline.now(), deadline.remaining());
      free = wait.isEmpty() ? bucket.timeUntilFree(deadline.now()) : Duration.ZERO;
    } catch (StoreException e) {
      // Sending without a permit could break the limit every process keeps to together.
      throw HttpFailure.refused(ErrorCode.RATE_LIMITED, "Not sent: the connection's '" + category
          + "' rate limit is kept in the shared store, which could not give a permit: " + e.getMessage()
          + ". Retry after " + Durations.text(STORE_RETRY) + ".", FailureSource.RATE_PERMIT, STORE_RETRY, e);
    }
    if (wait.isEmpty()) {
      throw HttpFailure.refused(ErrorCode.RATE_LIMITED,
          "Not sent: the connection's '" + category + "' rate limit (" + bucket.limit().permits() + " per "
              + Durations.text(bucket.limit().period()) + ") has no request free before the activity's deadline "
              + "of " + Durations.text(deadline.timeout()) + ". Retry after " + Durations.text(free)
              + ", or run fewer steps on this connection at once.", FailureSource.RATE_PERMIT, free);
    }
    if (!wait.get().isZero()) {
      waiter.pause(wait.get());
    }
  }
}
