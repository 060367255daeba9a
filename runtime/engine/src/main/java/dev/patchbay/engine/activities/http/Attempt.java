package dev.patchbay.engine.activities.http;

import java.util.Objects;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * One attempt of a request, as its OkHttp call's tag: which activity it belongs to, so that the runner's shared
 * interceptors find that activity's token, error table and rate-limit bucket, and whether it went out on
 * a connection. OkHttp runs network interceptors only once it holds a connection and is about to write the
 * request, so a failure before that (DNS, refused connection, TLS) cannot have reached the provider and may be
 * retried whatever the method; a failure after it may have reached it.
 */
final class Attempt {

  /**
   * The tag's key as OkHttp keeps it: its {@code tag(Class)} looks the Kotlin class up anew, an object per call, and
   * every interceptor asks.
   */
  private static final KClass<Attempt> TAG = JvmClassMappingKt.getKotlinClass(Attempt.class);

  private final ActivityRequests activity;
  private volatile boolean sent;

  Attempt(ActivityRequests activity) {
    this.activity = Objects.requireNonNull(activity, "activity");
  }

  /** The attempt {@code chain}'s call is, by the call's tag (a request's tag would cost a copy of the request). */
  static Attempt of(Interceptor.Chain chain) {
    Attempt attempt = chain.call().tag(TAG);
    if (attempt == null) {
      Request request = chain.request();
      throw new IllegalStateException("request " + request.method() + " " + request.url().encodedPath()
          + " has no activity: the runner's clients send only calls that RetryLoop tagged");
    }
    return attempt;
  }

  /** Tags {@code call} as this attempt. */
  Call tag(Call call) {
    call.tag(TAG, () -> this);
    return call;
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
    Attempt attempt = of(chain);
    attempt.sent = true;
    attempt.activity.attempts().incrementAndGet();
    return chain.proceed(chain.request());
  };
}
