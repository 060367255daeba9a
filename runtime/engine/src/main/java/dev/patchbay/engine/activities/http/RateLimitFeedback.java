package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.definitions.RateLimitHeaders;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells the token bucket of the request's activity (its connection and category) what the provider said about its
 * own counters, in the headers its definition declares ({@code rateLimitHeaders}): the remaining count (against the
 * limit) on every answer, and a refusal with 429. A network interceptor, so it sees every answer, including the 401
 * before a token refresh.
 */
final class RateLimitFeedback implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ActivityRequests activity = Attempt.of(chain).activity();
    RateLimitBucket bucket = activity.bucket();
    RateLimitHeaders headers = activity.rateLimitHeaders();
    long remaining = number(header(response, headers.remaining()));
    boolean dailyLimit = headers.typeHeader() != null && headers.dailyLimitType() != null
        && headers.dailyLimitType().equalsIgnoreCase(response.header(headers.typeHeader()));
    if (response.code() == 429 && !dailyLimit) {
      // A daily cap refuses until midnight whatever the pace, so only a per-second refusal slows the bucket.
      bucket.throttle();
    } else if (remaining >= 0) {
      bucket.observe(remaining, number(header(response, headers.limit())));
    }
    return response;
  }

  private static String header(Response response, String name) {
    return name == null ? null : response.header(name);
  }

  /** The header's non-negative number, or -1 when absent or not a number. */
  private static long number(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(header.trim()));
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }
}
