package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GETs a download link, following its redirects itself: OkHttp drops the Authorization header when a redirect
 * leaves the host, and the provider's download host needs it on every hop (Zoom does).
 */
final class RedirectFollower {

  private static final int MAX_REDIRECTS = 5;

  private final OkHttpClient client;
  private final RetryLoop retries;
  private final String provider;

  /** @param client a client that follows no redirects and sends the bearer token with every request */
  RedirectFollower(OkHttpClient client, RetryLoop retries, String provider) {
    this.client = client;
    this.retries = retries;
    this.provider = provider;
  }

  /**
   * The answer (200 or 206) at the end of the redirects from {@code start}.
   *
   * @param from the first byte wanted; above zero, sent as a {@code Range} on every hop
   */
  Response get(HttpUrl start, long from) throws ConnectorException {
    HttpUrl url = start;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Request.Builder request = new Request.Builder().url(url).get();
      if (from > 0) {
        request.header("Range", "bytes=" + from + "-");
      }
      // The label names the host only: download links can carry signatures in their query.
      Response response = retries.run(new Exchange(client, request.build(), true, null, Permits.NONE,
          "the download from " + url.host()), answer -> answer);
      if (!response.isRedirect()) {
        if (response.code() != 200 && response.code() != 206) {
          response.close();
          throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " answered the download from "
              + url.host() + " with HTTP " + response.code() + " instead of the file. Retry later.");
        }
        return response;
      }
      String location = response.header("Location");
      response.close();
      url = next(url, location);
    }
    throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "The download from " + start.host()
        + " was redirected more than " + MAX_REDIRECTS + " times. Retry later.");
  }

  private HttpUrl next(HttpUrl url, String location) throws ConnectorException {
    HttpUrl next = location == null ? null : url.resolve(location);
    if (next == null) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " redirected the download from "
          + url.host() + " without a usable Location. Retry later.");
    }
    if (url.isHttps() && !next.isHttps()) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " redirected the download from "
          + url.host() + " to plain http; refused, since the access token goes with every hop.");
    }
    return next;
  }
}
