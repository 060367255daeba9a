package dev.patchbay.engine.activities.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The OkHttp clients of one runner, derived once from the process's shared client (so they share its connection
 * pool and dispatcher) and used by every activity the runner runs. Their interceptors keep no state of their own:
 * each finds the activity a request belongs to through its {@link Attempt} tag. Interceptors, outermost first:
 * the activity's timeouts, error mapping, bearer token; network interceptors: attempt tracking, rate-limit feedback
 * (API only).
 */
public final class HttpClients {

  /**
   * Idle connections the process keeps open. OkHttp's default of 5 is below the number of activities a process
   * runs at once on one provider, and every caller beyond it reconnected (a TLS handshake against a real provider).
   */
  static final int IDLE_CONNECTIONS = 32;

  private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private final CredentialValues credentialValues = new CredentialValues();
  private final OkHttpClient api;
  private final OkHttpClient downloads;

  /** @param shared the process's shared client */
  public HttpClients(OkHttpClient shared) {
    Objects.requireNonNull(shared, "shared");
    this.api = common(shared, credentialValues).addNetworkInterceptor(new RateLimitFeedback())
        .retryOnConnectionFailure(false).build();
    this.downloads = common(shared, credentialValues).followRedirects(false).followSslRedirects(false).build();
  }

  /** A client for a whole process to share: its pool keeps as many idle connections as activities run at once. */
  public static OkHttpClient newSharedClient() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toMinutes(), TimeUnit.MINUTES))
        .build();
  }

  /**
   * For API requests. OkHttp's silent re-send of a request whose connection failed is off for all of them: a
   * non-idempotent request must never be sent twice (RELIABILITY R14, R20), and for the others {@link RetryLoop}
   * must see the lost answer, since what a retry then hears (a DELETE's 404, an operation's {@code doneWhenRetried}
   * error) means the lost attempt did the work.
   */
  OkHttpClient api() {
    return api;
  }

  /**
   * For downloads: redirects are followed by {@link Downloader} itself, because OkHttp drops the Authorization
   * header on a redirect to another host and the provider's download host needs it.
   */
  OkHttpClient downloads() {
    return downloads;
  }

  /**
   * The default timeouts are set on the clients too, so that the timeouts interceptor changes (and copies the chain
   * for) only the requests of activities with timeouts of their own.
   */
  /** What the clients send for each credential; requests built with one of these values are sent without a copy. */
  CredentialValues credentialValues() {
    return credentialValues;
  }

  private static OkHttpClient.Builder common(OkHttpClient shared, CredentialValues credentialValues) {
    HttpTimeouts defaults = HttpTimeouts.DEFAULTS;
    return shared.newBuilder()
        .connectTimeout(millis(defaults.connect()), TimeUnit.MILLISECONDS)
        .readTimeout(millis(defaults.read()), TimeUnit.MILLISECONDS)
        .writeTimeout(millis(defaults.read()), TimeUnit.MILLISECONDS)
        .addInterceptor(HttpClients::withActivityTimeouts)
        .addInterceptor(new ErrorMappingInterceptor())
        .addInterceptor(new CredentialsInterceptor(credentialValues))
        .addNetworkInterceptor(Attempt.TRACKER);
  }

  /** Connects, reads and writes with the timeouts of the request's activity (reads and writes share one). */
  private static Response withActivityTimeouts(Interceptor.Chain chain) throws IOException {
    HttpTimeouts timeouts = Attempt.of(chain).activity().timeouts();
    int connect = millis(timeouts.connect());
    int read = millis(timeouts.read());
    // Each change copies the chain: only what differs from the client's is changed.
    Interceptor.Chain timed = chain;
    if (timed.connectTimeoutMillis() != connect) {
      timed = timed.withConnectTimeout(connect, TimeUnit.MILLISECONDS);
    }
    if (timed.readTimeoutMillis() != read) {
      timed = timed.withReadTimeout(read, TimeUnit.MILLISECONDS);
    }
    if (timed.writeTimeoutMillis() != read) {
      timed = timed.withWriteTimeout(read, TimeUnit.MILLISECONDS);
    }
    return timed.proceed(chain.request());
  }

  /** Whole milliseconds, at least 1: zero would mean no timeout at all to OkHttp. */
  private static int millis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }
}
