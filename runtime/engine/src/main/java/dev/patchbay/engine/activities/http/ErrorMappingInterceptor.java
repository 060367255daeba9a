package dev.patchbay.engine.activities.http;

import java.io.IOException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns every answer with status 400 or more, and every success whose body says it failed (the definition's
 * {@code okPointer}, Slack's {@code "ok": false}), into the {@link HttpFailure} the error rules of the request's
 * activity say; the retry policy then treats both alike.
 */
final class ErrorMappingInterceptor implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ProviderFailures failures = Attempt.of(chain).activity().failures();
    if (response.code() < 400) {
      Optional<HttpFailure> failed = response.isSuccessful() ? failures.fromSuccess(response) : Optional.empty();
      if (failed.isEmpty()) {
        return response;
      }
      response.close();
      throw new ConnectorIOException(failed.get());
    }
    try (response) {
      throw new ConnectorIOException(failures.from(response));
    }
  }
}
