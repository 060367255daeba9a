package dev.patchbay.zoom.sandbox;

/**
 * Zoom's rate-limit labels of the endpoints the sandbox serves (no endpoint of the plugin is Heavy or
 * Resource-intensive), with the per-second limits of a Pro account.
 */
public enum RateLimitCategory {
  LIGHT("Light", 30),
  MEDIUM("Medium", 20);

  private final String headerValue;
  private final int proPerSecond;

  RateLimitCategory(String headerValue, int proPerSecond) {
    this.headerValue = headerValue;
    this.proPerSecond = proPerSecond;
  }

  /** The value of {@code X-RateLimit-Category}. */
  public String headerValue() {
    return headerValue;
  }

  /** Requests per second a Pro account gets, the sandbox's default. */
  public int proPerSecond() {
    return proPerSecond;
  }
}
