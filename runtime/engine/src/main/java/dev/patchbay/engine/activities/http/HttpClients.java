package dev.patchbay.engine.activities.http;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of one activity, derived from the runner's shared client (so they share its connection pool
 * and dispatcher) and built on first use. Interceptors, outermost first: error mapping, bearer token; network
 * interceptors: attempt tracking, rate-limit feedback (API only).
 */
final class HttpClients {

  private final OkHttpClient shared;
  private final HttpBinding binding;
  private final ProviderFailures failures;
  private final AtomicInteger attempts;
  private final SentTokens sent;
  private OkHttpClient replaySafe;
  private OkHttpClient notReplayable;
  private OkHttpClient downloads;

  HttpClients(OkHttpClient shared, HttpBinding binding, ProviderFailures failures, AtomicInteger attempts,
      SentTokens sent) {
    this.shared = shared;
    this.binding = binding;
    this.failures = failures;
    this.attempts = attempts;
    this.sent = sent;
  }

  /**
   * For API requests. OkHttp silently re-sends a request whose connection failed; that is only allowed for
   * replay-safe requests, so the others get a client with it off (RELIABILITY R14, R20).
   */
  synchronized OkHttpClient api(boolean replaySafeRequest) {
    if (replaySafeRequest) {
      if (replaySafe == null) {
        replaySafe = apiClient(true);
      }
      return replaySafe;
    }
    if (notReplayable == null) {
      notReplayable = apiClient(false);
    }
    return notReplayable;
  }

  /**
   * For downloads: redirects are followed by {@link Downloader} itself, because OkHttp drops the Authorization
   * header on a redirect to another host and the provider's download host needs it.
   */
  synchronized OkHttpClient downloads() {
    if (downloads == null) {
      downloads = common().followRedirects(false).followSslRedirects(false).build();
    }
    return downloads;
  }

  private OkHttpClient apiClient(boolean retryOnConnectionFailure) {
    return common()
        .addNetworkInterceptor(new RateLimitFeedback(binding.bucket()))
        .retryOnConnectionFailure(retryOnConnectionFailure)
        .build();
  }

  private OkHttpClient.Builder common() {
    HttpTimeouts timeouts = binding.timeouts();
    return shared.newBuilder()
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.read())
        .writeTimeout(timeouts.read())
        .addInterceptor(new ErrorMappingInterceptor(failures))
        .addInterceptor(new BearerTokenInterceptor(binding.tokens(), sent))
        .addNetworkInterceptor(RequestSent.tracker(attempts));
  }
}
