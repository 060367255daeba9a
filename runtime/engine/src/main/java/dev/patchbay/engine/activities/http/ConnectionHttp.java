package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.DownloadResult;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.PagedResult;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.activities.time.Alarms;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import java.nio.file.Path;
import dev.patchbay.engine.activities.RequestAttempts;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ConnectorHttp} a plugin gets for one activity, on OkHttp: the connection's base URL and bearer token,
 * JSON in and out, the definition's error table, retries, rate limits, timeouts bounded by the activity's deadline,
 * pagination and downloads.
 */
public final class ConnectionHttp implements ConnectorHttp {

  private final HttpBinding binding;
  private final AtomicInteger attempts = new AtomicInteger();
  private final SentTokens sent = new SentTokens();
  private final HttpClients clients;
  private final ActivityRequests activity;
  private final JsonExchanges json;
  private final RetryLoop retries;
  private final Permits permits;
  private final Waiter waiter;

  /**
   * @param clients the runner's clients; every request this activity sends is tagged with its state for them
   * @param requestAttempts how often each request may be sent
   * @param sleeper every wait (backoff, Retry-After, rate-limit permits) goes through it
   * @param breakers the runner's circuit breakers, one per provider endpoint
   * @param urls the runner's parsed request URLs
   * @param alarms the runner's alarms, for the requests' call timeouts
   */
  public ConnectionHttp(HttpClients clients, HttpBinding binding, RequestAttempts requestAttempts, Sleeper sleeper,
      ProviderBreakers breakers, ApiUrls urls, Alarms alarms) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.binding = Objects.requireNonNull(binding, "binding");
    String provider = binding.definition().name();
    this.waiter = new Waiter(sleeper, binding.deadline());
    ConnectorDefinition definition = binding.definition();
    ProviderFailures failures = new ProviderFailures(provider, binding.baseUrl(),
        new ErrorTable(definition.errors()), definition.errorFormat(), definition.rateLimitHeaders(),
        binding.deadline(), sent);
    this.activity = new ActivityRequests(binding.tokens(), sent, failures, attempts, binding.bucket(),
        CredentialPlacement.of(definition.authType(binding.connection().authTypeId())
            .orElse(null), binding.baseUrl()), definition.rateLimitHeaders());
    this.json = new JsonExchanges(provider, binding.baseUrl(), definition.http().headers(), urls, activity,
        clients.credentialValues());
    this.retries = new RetryLoop(provider, binding.operationName(), waiter, activity,
        breakers.of(provider, binding.baseUrl()), binding.operation().doneWhenRetried(), requestAttempts,
        alarms);
    this.permits = new RateLimitPermits(binding.bucket(), binding.operation().rateLimitCategory(), waiter);
  }

  /** Requests that went out so far, retries included; a request that never got a connection does not count. */
  public int attempts() {
    return attempts.get();
  }

  /** Cancels the request on its way, if any: the activity's deadline passed. */
  public void cancel() {
    retries.cancel();
  }

  /**
   * {@code text} with every token this activity sent replaced. Provider text is redacted where it comes in; this is
   * for text from elsewhere (the token store's own failures) on its way out.
   */
  public String redact(String text) {
    return sent.redact(text);
  }

  @Override
  public ApiResponse send(ApiRequest request) throws ConnectorException {
    return HostContext.call(() -> sendAsHost(request));
  }

  private ApiResponse sendAsHost(ApiRequest request) throws ConnectorException {
    return sendAsHost(request, null);
  }

  /** Sends {@code request}, or its method and headers to {@code nextUrl}, a page the provider named. */
  private ApiResponse sendAsHost(ApiRequest request, String nextUrl) throws ConnectorException {
    boolean replaySafe = request.method().equals("GET") || binding.operation().idempotent();
    String label = request.method() + " " + request.pathTemplate();
    Exchange exchange = new Exchange(clients.api(binding.timeouts()),
        nextUrl == null ? json.request(request) : json.request(request, nextUrl), replaySafe,
        binding.timeouts().call(), permits, label);
    return retries.run(exchange, response -> json.read(response, label));
  }

  @Override
  public PagedResult paginate(ApiRequest firstPage, int maxItems) throws ConnectorException {
    OperationDefinition operation = binding.operation();
    if (operation.pagination() == null) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, binding.operationName() + " asked to paginate, but its "
          + "definition declares no pagination. Declare \"paginated\": true with a \"pagination\" block, or send "
          + "a single request.");
    }
    Paginator paginator = new Paginator(operation.pagination(), this::sendAsHost, binding.definition().name(),
        binding.operationName());
    return HostContext.call(() -> paginator.paginate(firstPage, maxItems));
  }

  @Override
  public DownloadResult download(String url, Path target, long expectedBytes, Progress progress)
      throws ConnectorException {
    String provider = binding.definition().name();
    // Made here rather than for every activity: few activities download.
    Downloader downloader = new Downloader(new RedirectFollower(clients.downloads(binding.timeouts()), retries,
        provider), waiter, provider);
    return HostContext.call(() -> downloader.download(url, target, expectedBytes,
        progress == null ? Progress.NONE : progress));
  }
}
