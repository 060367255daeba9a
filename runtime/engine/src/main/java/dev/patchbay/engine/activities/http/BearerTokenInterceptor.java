package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the connection's access token as {@code Authorization: Bearer}; when the provider rejects it with 401,
 * gets a fresh one once and sends the request once more (a 401 means the provider did not act on it, so this is
 * safe for any method). A second 401 is left to the error mapping. The tokens are those of the request's
 * activity.
 */
final class BearerTokenInterceptor implements Interceptor {

  @FunctionalInterface
  private interface TokenCall {
    Secret get() throws ConnectorException;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    ActivityRequests activity = Attempt.of(chain.request()).activity();
    AccessTokens tokens = activity.tokens();
    Secret token = obtain(tokens::current);
    Response response = chain.proceed(authorized(chain.request(), token, activity.sent()));
    if (response.code() != 401) {
      return response;
    }
    response.close();
    Secret fresh = obtain(() -> tokens.refreshAfterRejection(token));
    return chain.proceed(authorized(chain.request(), fresh, activity.sent()));
  }

  private static Request authorized(Request request, Secret token, SentTokens sent) {
    sent.add(token);
    return request.newBuilder().header("Authorization", "Bearer " + token.reveal()).build();
  }

  private static Secret obtain(TokenCall call) throws ConnectorIOException {
    try {
      return call.get();
    } catch (ConnectorException e) {
      throw new ConnectorIOException(e);
    }
  }
}
