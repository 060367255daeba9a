package dev.patchbay.engine.activities.http;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;

/**
 * Whether one attempt's request went out on a connection. OkHttp runs network interceptors only once it holds a
 * connection and is about to write the request, so a failure before that (DNS, refused connection, TLS) cannot
 * have reached the provider and may be retried whatever the method; a failure after it may have reached it.
 *
 * <p>An instance is a per-attempt request tag; {@link #tracker} is the network interceptor that marks it.
 */
final class RequestSent {

  private volatile boolean sent;

  private RequestSent() {}

  static RequestSent notYet() {
    return new RequestSent();
  }

  boolean happened() {
    return sent;
  }

  /** The network interceptor that marks the request's tag and counts the attempt. */
  static Interceptor tracker(AtomicInteger attempts) {
    return chain -> {
      RequestSent tag = chain.request().tag(RequestSent.class);
      if (tag != null) {
        tag.sent = true;
      }
      attempts.incrementAndGet();
      return chain.proceed(chain.request());
    };
  }
}
