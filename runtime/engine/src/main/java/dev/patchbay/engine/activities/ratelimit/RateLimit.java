package dev.patchbay.engine.activities.ratelimit;

import dev.patchbay.engine.definitions.RateLimitDefinition;
import java.time.Duration;
import java.util.Objects;

/**
 * A steady rate of requests: {@code permits} per {@code period}, with bursts of up to {@code permits}.
 *
 * @param permits requests allowed per period, at least 1
 * @param period the period, positive
 */
public record RateLimit(int permits, Duration period) {

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
    return switch (definition.per()) {
      case "second" -> perSecond(definition.permits());
      case "minute" -> perMinute(definition.permits());
      case "hour" -> new RateLimit(definition.permits(), Duration.ofHours(1));
      case "day" -> new RateLimit(definition.permits(), Duration.ofDays(1));
      default -> throw new IllegalArgumentException("unknown rate-limit period: " + definition.per());
    };
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
