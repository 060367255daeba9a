package dev.patchbay.engine.activities.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Turns every answer with status 400 or more into the {@link HttpFailure} the error table of the request's activity says. */
final class ErrorMappingInterceptor implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() < 400) {
      return response;
    }
    try (response) {
      throw new ConnectorIOException(Attempt.of(chain.request()).activity().failures().from(response));
    }
  }
}
