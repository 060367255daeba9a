package dev.patchbay.engine.activities.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of one runner, derived from the process's shared client (so they share its connection pool and
 * dispatcher) and used by every activity the runner runs: one pair (API, downloads) per distinct {@link HttpTimeouts},
 * since connect, read and write timeouts are a client's. Their interceptors keep no state of their own: each finds
 * the activity a request belongs to through its {@link Attempt} tag. Interceptors, outermost first: error mapping,
 * credentials; network interceptors: attempt tracking, rate-limit feedback (API only).
 */
public final class HttpClients {

  /**
   * Idle connections the process keeps open. OkHttp's default of 5 is below the number of activities a process
   * runs at once on one provider, and every caller beyond it reconnected (a TLS handshake against a real provider).
   */
  static final int IDLE_CONNECTIONS = 32;

  /** Distinct timeouts whose clients are kept; activities with others get clients of their own. */
  static final int MAX_KEPT_TIMEOUTS = 32;

  private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private final CredentialValues credentialValues = new CredentialValues();
  /** With the default timeouts, which nearly every activity has. */
  private final Pair defaults;
  private final Map<HttpTimeouts, Pair> byTimeouts = new ConcurrentHashMap<>();

  /** The API and download clients of one set of timeouts. */
  private record Pair(OkHttpClient api, OkHttpClient downloads) {}

  /** @param shared the process's shared client */
  public HttpClients(OkHttpClient shared) {
    Objects.requireNonNull(shared, "shared");
    OkHttpClient api = common(shared, credentialValues).addNetworkInterceptor(new RateLimitFeedback())
        .retryOnConnectionFailure(false).build();
    OkHttpClient downloads = common(shared, credentialValues).followRedirects(false).followSslRedirects(false)
        .build();
    this.defaults = timed(new Pair(api, downloads), HttpTimeouts.DEFAULTS);
  }

  /** A client for a whole process to share: its pool keeps as many idle connections as activities run at once. */
  public static OkHttpClient newSharedClient() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toMinutes(), TimeUnit.MINUTES))
        .build();
  }

  /**
   * For API requests with {@code timeouts}. OkHttp's silent re-send of a request whose connection failed is off for
   * all of them: a non-idempotent request must never be sent twice (RELIABILITY R14, R20), and for the others
   * {@link RetryLoop} must see the lost answer, since what a retry then hears (a DELETE's 404, an operation's
   * {@code doneWhenRetried} error) means the lost attempt did the work.
   */
  OkHttpClient api(HttpTimeouts timeouts) {
    return of(timeouts).api();
  }

  /**
   * For downloads with {@code timeouts}: redirects are followed by {@link Downloader} itself, because OkHttp drops
   * the Authorization header on a redirect to another host and the provider's download host needs it.
   */
  OkHttpClient downloads(HttpTimeouts timeouts) {
    return of(timeouts).downloads();
  }

  /** What the clients send for each credential; requests built with one of these values are sent without a copy. */
  CredentialValues credentialValues() {
    return credentialValues;
  }

  private Pair of(HttpTimeouts timeouts) {
    if (timeouts.equals(HttpTimeouts.DEFAULTS)) {
      return defaults;
    }
    Pair known = byTimeouts.get(timeouts);
    if (known != null) {
      return known;
    }
    Pair derived = timed(defaults, timeouts);
    if (byTimeouts.size() < MAX_KEPT_TIMEOUTS) {
      byTimeouts.put(timeouts, derived);
    }
    return derived;
  }

  private static OkHttpClient.Builder common(OkHttpClient shared, CredentialValues credentialValues) {
    return shared.newBuilder()
        .addInterceptor(new ErrorMappingInterceptor())
        .addInterceptor(new CredentialsInterceptor(credentialValues))
        .addNetworkInterceptor(Attempt.TRACKER);
  }

  /** {@code clients} connecting with the connect timeout, reading and writing with the read timeout. */
  private static Pair timed(Pair clients, HttpTimeouts timeouts) {
    return new Pair(timed(clients.api(), timeouts), timed(clients.downloads(), timeouts));
  }

  private static OkHttpClient timed(OkHttpClient client, HttpTimeouts timeouts) {
    int connect = millis(timeouts.connect());
    int read = millis(timeouts.read());
    return client.newBuilder()
        .connectTimeout(connect, TimeUnit.MILLISECONDS)
        .readTimeout(read, TimeUnit.MILLISECONDS)
        .writeTimeout(read, TimeUnit.MILLISECONDS)
        .build();
  }

  /** Whole milliseconds, at least 1: zero would mean no timeout at all to OkHttp. */
  private static int millis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }
}
