package dev.patchbay.engine.activities.http;

import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * One attempt of a request, as its OkHttp tag: which activity it belongs to, so that the runner's shared
 * interceptors find that activity's token, error table, rate-limit bucket and timeouts, and whether it went out on
 * a connection. OkHttp runs network interceptors only once it holds a connection and is about to write the
 * request, so a failure before that (DNS, refused connection, TLS) cannot have reached the provider and may be
 * retried whatever the method; a failure after it may have reached it.
 */
final class Attempt {

  private final ActivityRequests activity;
  private volatile boolean sent;

  Attempt(ActivityRequests activity) {
    this.activity = Objects.requireNonNull(activity, "activity");
  }

  /** The attempt {@code request} is part of. */
  static Attempt of(Request request) {
    Attempt attempt = request.tag(Attempt.class);
    if (attempt == null) {
      throw new IllegalStateException("request " + request.method() + " " + request.url().encodedPath()
          + " has no activity: the runner's clients send only requests that RetryLoop tagged");
    }
    return attempt;
  }

  ActivityRequests activity() {
    return activity;
  }

  /** Whether the request went out on a connection. */
  boolean sent() {
    return sent;
  }

  /** The network interceptor that marks the attempt as sent and counts it for its activity. */
  static final Interceptor TRACKER = chain -> {
    Attempt attempt = of(chain.request());
    attempt.sent = true;
    attempt.activity.attempts().incrementAndGet();
    return chain.proceed(chain.request());
  };
}
