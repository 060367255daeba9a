package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The runner's circuit breakers, one per provider endpoint (scheme, host and port of a connection's base URL),
 * shared by every activity (RELIABILITY R22): after {@link #FAILURES_TO_OPEN} requests in a row got a 5xx or no
 * answer, requests to it fail at once, without being sent, for {@link #OPEN_FOR}; then one probe decides. Any other
 * answer (2xx, 4xx, 429) shows the provider is up. Refused token refreshes never count: they mark their connection.
 */
public final class ProviderBreakers {

  public static final int FAILURES_TO_OPEN = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  private final Map<String, CircuitBreaker> byOrigin = new ConcurrentHashMap<>();
  /** Every activity asks for its endpoint; parsing its base URL each time cost more than the lookup. */
  private final Map<String, Endpoint> byBaseUrl = new ConcurrentHashMap<>();
  private final Clock clock;

  public ProviderBreakers(Clock clock) {
    this.clock = clock;
  }

  /** The breaker of the endpoint {@code baseUrl} is on, and how to name it in messages. */
  record Endpoint(String provider, String name, CircuitBreaker breaker) {}

  Endpoint of(String provider, String baseUrl) {
    Endpoint known = byBaseUrl.get(baseUrl);
    if (known != null && known.provider().equals(provider)) {
      return known;
    }
    Endpoint endpoint = endpoint(provider, baseUrl);
    byBaseUrl.put(baseUrl, endpoint);
    return endpoint;
  }

  private Endpoint endpoint(String provider, String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl);
    String origin = url == null ? baseUrl : url.scheme() + "://" + url.host() + ":" + url.port();
    return new Endpoint(provider, provider + " (" + origin + ")",
        byOrigin.computeIfAbsent(origin, key -> new CircuitBreaker(FAILURES_TO_OPEN, OPEN_FOR, clock)));
  }
}
