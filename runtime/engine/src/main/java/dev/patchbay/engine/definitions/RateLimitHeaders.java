package dev.patchbay.engine.definitions;

/**
 * The headers in which a provider reports its own rate-limit counters; each is null when the provider sends none.
 *
 * @param reset when the window resets, in epoch seconds
 * @param typeHeader a header whose value {@code dailyLimitType} marks a refusal as a daily cap
 */
public record RateLimitHeaders(
    String remaining, String limit, String reset, String typeHeader, String dailyLimitType) {

  /** A provider that reports nothing. */
  public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null, null, null);
}
