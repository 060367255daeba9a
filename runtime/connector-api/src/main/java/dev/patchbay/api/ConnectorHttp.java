package dev.patchbay.api;

import java.nio.file.Path;

/**
 * HTTP to the provider's API, bound to one connection. The host adds the base URL, the bearer token (refreshing it
 * when needed), rate limiting, retries for idempotent operations, timeouts, and maps provider errors through the
 * definition's error table. Plugins never touch tokens.
 */
public interface ConnectorHttp {

  /**
   * Sends one JSON request.
   *
   * @return the response when its status is 2xx
   * @throws ConnectorException for any other status (mapped through the definition's error table) and for
   *     network failures and timeouts
   */
  ApiResponse send(ApiRequest request) throws ConnectorException;

  /**
   * Follows the operation's cursor pagination (declared in its definition) from {@code firstPage}, keeping every
   * other query parameter identical, until the cursor is empty or {@code maxItems} items were collected. An
   * expired cursor restarts the listing from the first page; a repeated cursor fails.
   */
  PagedResult paginate(ApiRequest firstPage, int maxItems) throws ConnectorException;

  /**
   * Downloads {@code url} (absolute, on the provider's download host) to {@code target} with the connection's
   * bearer token, across redirects; writes a temporary file and moves it into place only when complete.
   *
   * @param expectedBytes the size the provider announced, or -1; a different size fails the download
   */
  DownloadResult download(String url, Path target, long expectedBytes, Progress progress)
      throws ConnectorException;
}
