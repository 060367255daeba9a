package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the connection's credential where its auth type says ({@link CredentialPlacement}: a bearer token, a Basic
 * header, an API key in a header or query parameter); when the provider rejects it with 401, asks the tokens for a
 * fresh one once (a refresh for OAuth; a pasted key cannot be renewed, so its connection is marked NEEDS_REAUTH)
 * and sends the request once more (a 401 means the provider did not act on it, so this is safe for any method). A
 * second 401 is left to the error mapping. The tokens are those of the request's activity. An API request usually
 * arrives carrying the current token in its header already ({@link JsonExchanges} builds it so, sparing a copy of
 * the request here); the token is checked all the same.
 */
final class CredentialsInterceptor implements Interceptor {

  @FunctionalInterface
  private interface TokenCall {
    Secret get() throws ConnectorException;
  }

  private final CredentialValues values;

  CredentialsInterceptor(CredentialValues values) {
    this.values = values;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    ActivityRequests activity = Attempt.of(chain).activity();
    AccessTokens tokens = activity.tokens();
    Secret token = obtain(tokens::current);
    Response response = chain.proceed(authorized(chain.request(), token, activity));
    if (response.code() != 401) {
      return response;
    }
    response.close();
    Secret fresh = obtain(() -> tokens.refreshAfterRejection(token));
    return chain.proceed(authorized(chain.request(), fresh, activity));
  }

  /** The request with the token: as it is when it was built with it ({@link JsonExchanges}), else a copy. */
  private Request authorized(Request request, Secret token, ActivityRequests activity) {
    activity.sent().add(token);
    CredentialPlacement placement = activity.placement();
    String value = values.of(placement, token);
    return placement.carries(request, value) ? request : placement.apply(request, value);
  }

  private static Secret obtain(TokenCall call) throws ConnectorIOException {
    try {
      return call.get();
    } catch (ConnectorException e) {
      throw new ConnectorIOException(HttpFailure.tokenRefresh(e));
    }
  }
}
