package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailureSource;
import dev.patchbay.engine.activities.ratelimit.TokenBucket;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import java.time.Duration;
import java.util.Optional;

/** A permit from the connection's token bucket for the operation's rate-limit category, waited for in time. */
final class RateLimitPermits implements Permits {

  private final TokenBucket bucket;
  private final String category;
  private final Waiter waiter;

  RateLimitPermits(TokenBucket bucket, String category, Waiter waiter) {
    this.bucket = bucket;
    this.category = category;
    this.waiter = waiter;
  }

  @Override
  public void acquire() throws HttpFailure {
    Deadline deadline = waiter.deadline();
    Optional<Duration> wait = bucket.reserve(deadline.now(), deadline.remaining());
    if (wait.isEmpty()) {
      Duration free = bucket.timeUntilFree(deadline.now());
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
