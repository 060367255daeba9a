package dev.patchbay.zoom.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zoom's rate limits: requests per second per category for the whole account (one-second windows of the sandbox
 * clock), and the per-host daily cap on meeting creates and updates, which resets at 00:00 UTC.
 */
final class RateLimits {

  private static final class Window {
    long second = Long.MIN_VALUE;
    int count;
  }

  private record DailyCount(LocalDate day, int count) {}

  private final Clock clock;
  private final Settings settings;
  private final Map<RateLimitCategory, Window> windows = new EnumMap<>(RateLimitCategory.class);
  private final Map<String, DailyCount> meetingWrites = new HashMap<>();

  RateLimits(Clock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
    for (RateLimitCategory category : RateLimitCategory.values()) {
      windows.put(category, new Window());
    }
  }

  /**
   * Counts a request of the category.
   *
   * @return the rate-limit headers for the response
   * @throws ApiError 429 when this second's requests are used up
   */
  synchronized Map<String, String> acquire(RateLimitCategory category) {
    int limit = settings.perSecond(category);
    long second = Math.floorDiv(clock.millis(), 1000);
    Window window = windows.get(category);
    if (window.second != second) {
      window.second = second;
      window.count = 0;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-RateLimit-Category", category.headerValue());
    headers.put("X-RateLimit-Type", "QPS");
    headers.put("X-RateLimit-Limit", String.valueOf(limit));
    if (window.count >= limit) {
      headers.put("X-RateLimit-Remaining", "0");
      headers.put("Retry-After", "1");
      ApiError error = ApiError.zoom(429, 429,
          "You have reached the maximum per-second rate limit for this API. Try again later.");
      headers.forEach(error::header);
      throw error;
    }
    window.count++;
    headers.put("X-RateLimit-Remaining", String.valueOf(limit - window.count));
    return headers;
  }

  /**
   * Counts a meeting create or update against the host's daily cap.
   *
   * @throws ApiError 429 with Zoom's daily-limit headers and message once the cap is used up
   */
  synchronized void countMeetingWrite(String hostId) {
    int limit = settings.dailyMeetingWrites();
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    DailyCount count = meetingWrites.get(hostId);
    int used = count == null || !count.day().equals(today) ? 0 : count.count();
    if (used >= limit) {
      throw ApiError.zoom(429, 429, "You have exceeded the daily rate limit (" + limit + ") of Meeting Create/Update "
              + "API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.")
          .header("X-RateLimit-Category", RateLimitCategory.LIGHT.headerValue())
          .header("X-RateLimit-Type", "Daily-limit")
          .header("X-RateLimit-Limit", String.valueOf(limit))
          .header("X-RateLimit-Remaining", "0")
          .header("Retry-After", SandboxJson.time(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
    meetingWrites.put(hostId, new DailyCount(today, used + 1));
  }
}
