package dev.patchbay.engine.activities.ratelimit;

import dev.patchbay.engine.definitions.RateLimitDefinition;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady rate of requests: {@code permits} per {@code period}. Written {@code 80/s}, {@code 100/min},
 * {@code 1000/h} or {@code 30000/day} ({@link #parse}, {@link #text}) on the command line, in the API and in the
 * stored connection.
 *
 * @param permits requests allowed per period, at least 1
 * @param period the period, positive
 */
public record RateLimit(int permits, Duration period) {

  private static final Pattern TEXT = Pattern.compile("\\s*(-?\\d+)\\s*/\\s*([a-zA-Z]+)\\s*");
  private static final Map<String, Duration> UNITS = Map.of(
      "s", Duration.ofSeconds(1), "second", Duration.ofSeconds(1),
      "min", Duration.ofMinutes(1), "minute", Duration.ofMinutes(1),
      "h", Duration.ofHours(1), "hour", Duration.ofHours(1),
      "day", Duration.ofDays(1));

  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
  }

  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }

  public static RateLimit perMinute(int permits) {
    return new RateLimit(permits, Duration.ofMinutes(1));
  }

  /** The default of a definition's rate-limit category ({@code per} is "second", "minute", "hour" or "day"). */
  public static RateLimit of(RateLimitDefinition definition) {
    Duration period = UNITS.get(definition.per());
    if (period == null) {
      throw new IllegalArgumentException("unknown rate-limit period: " + definition.per());
    }
    return new RateLimit(definition.permits(), period);
  }

  /**
   * Reads {@code 80/s}, {@code 100/min}, {@code 1000/h}, {@code 30000/day} (also {@code second}, {@code minute},
   * {@code hour}).
   *
   * @throws IllegalArgumentException with a sentence naming the rule {@code text} breaks
   */
  public static RateLimit parse(String text) {
    Matcher matcher = TEXT.matcher(text);
    Duration period = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
    if (period == null) {
      throw new IllegalArgumentException("'" + text + "' is not a rate: write REQUESTS/UNIT with UNIT one of s, "
          + "min, h, day (for example 80/s)");
    }
    long permits;
    try {
      permits = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException tooLong) {
      permits = Long.MAX_VALUE;
    }
    if (permits < 1 || permits > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text + "' allows " + (permits < 1 ? "no request" : "too many")
          + ": a rate limit allows from 1 to " + Integer.MAX_VALUE + " requests per period");
    }
    return new RateLimit((int) permits, period);
  }

  /** The limit as {@link #parse} reads it: {@code 80/s}; a period that is no unit is written in seconds. */
  public String text() {
    for (String unit : new String[] {"s", "min", "h", "day"}) {
      if (UNITS.get(unit).equals(period)) {
        return permits + "/" + unit;
      }
    }
    return permits + " per " + period.toSeconds() + " s";
  }

  /**
   * How many permits a bucket holds at most, to send at once. A per-second limit is paced, the bucket holding a
   * millisecond's permits (at least one): providers count such limits in one-second windows of their own clock, and
   * a second's worth sent at the end of one window plus the next second's at the start of the next would be
   * refused. A longer period is a quota, which callers want to spend at once: its whole period's permits.
   */
  public int burst() {
    return period.compareTo(Duration.ofSeconds(1)) <= 0 ? (int) Math.max(1, Math.floor(ratePerSecond() / 1000))
        : permits;
  }

  /** Permits per second, to compare limits of different periods. */
  public double ratePerSecond() {
    return permits / (double) period.toNanos() * 1e9;
  }

  /** Permits per nanosecond. */
  double ratePerNano() {
    return permits / (double) period.toNanos();
  }
}
