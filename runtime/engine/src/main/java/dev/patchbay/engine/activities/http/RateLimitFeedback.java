package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.ratelimit.TokenBucket;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells the token bucket of the request's activity (its connection and category) what the provider said about its
 * own counters: {@code X-RateLimit-Remaining} (against {@code X-RateLimit-Limit}) on every answer, and a refusal
 * with 429. A network interceptor, so it sees every answer, including the 401 before a token refresh.
 */
final class RateLimitFeedback implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    TokenBucket bucket = Attempt.of(chain.request()).activity().bucket();
    long remaining = number(response.header("X-RateLimit-Remaining"));
    if (response.code() == 429 && !"daily-limit".equalsIgnoreCase(response.header("X-RateLimit-Type"))) {
      // A daily cap refuses until midnight whatever the pace, so only a per-second refusal slows the bucket.
      bucket.throttle();
    } else if (remaining >= 0) {
      bucket.observe(remaining, number(response.header("X-RateLimit-Limit")));
    }
    return response;
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
