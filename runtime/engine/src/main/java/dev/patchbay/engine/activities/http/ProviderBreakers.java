package dev.patchbay.engine.activities.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/** The runner's circuit breakers, one per provider endpoint (scheme, host and port of a connection's base URL). */
public final class ProviderBreakers {

  private final Map<String, ProviderBreaker> byOrigin = new ConcurrentHashMap<>();
  private final Clock clock;

  public ProviderBreakers(Clock clock) {
    this.clock = clock;
  }

  ProviderBreaker of(String provider, String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl);
    String origin = url == null ? baseUrl : url.scheme() + "://" + url.host() + ":" + url.port();
    return byOrigin.computeIfAbsent(origin, key -> new ProviderBreaker(provider + " (" + key + ")", clock));
  }
}
