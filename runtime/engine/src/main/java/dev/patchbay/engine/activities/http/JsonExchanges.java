package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailedAnswer;
import dev.patchbay.engine.json.EmbeddedObjects;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * JSON in and out: an {@link ApiRequest} as an OkHttp request against the base URL, with the definition's default
 * headers and the request's own; a 2xx answer as JSON.
 */
final class JsonExchanges {

  private static final MediaType JSON = MediaType.get("application/json");

  private final String provider;
  private final String baseUrl;
  private final Map<String, String> defaultHeaders;
  private final ApiUrls urls;
  private final ActivityRequests activity;
  private final CredentialValues credentialValues;

  /**
   * @param urls the runner's parsed request URLs
   * @param activity whose credential the requests carry
   * @param credentialValues the runner's credential values, which its credentials interceptor compares with
   */
  JsonExchanges(String provider, String baseUrl, Map<String, String> defaultHeaders, ApiUrls urls,
      ActivityRequests activity, CredentialValues credentialValues) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.defaultHeaders = defaultHeaders;
    this.urls = urls;
    this.activity = activity;
    this.credentialValues = credentialValues;
  }

  Request request(ApiRequest request) throws HttpFailure {
    // The path is already percent-encoded per segment (ApiRequest), so it is appended as it is.
    HttpUrl url = urls.of(baseUrl, request.path(), request.pathParams().isEmpty());
    if (url == null) {
      base(); // a base URL that is no URL at all is named as such
    }
    return request(request, url);
  }

  /**
   * The request for a page at an absolute URL the provider gave (a {@code Link: rel="next"}), with the headers of
   * the first page. Only the connection's own scheme, host and port are followed: the request carries its
   * credentials.
   */
  Request request(ApiRequest firstPage, String absoluteUrl) throws HttpFailure {
    HttpUrl base = base();
    HttpUrl next = HttpUrl.parse(absoluteUrl);
    if (next == null || !next.scheme().equals(base.scheme()) || !next.host().equals(base.host())
        || next.port() != base.port()) {
      throw HttpFailure.notSendable(ErrorCode.UPSTREAM_ERROR, provider + " named a next page at " + (next == null
          ? "an address that is not an http(s) URL" : next.scheme() + "://" + next.host() + ":" + next.port())
          + ", which is not the connection's API host (" + base.host() + "); Patchbay did not follow it, since the "
          + "request would carry the connection's credentials there.");
    }
    return build(firstPage, next);
  }

  private HttpUrl base() throws HttpFailure {
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (base == null) {
      throw HttpFailure.notSendable(ErrorCode.INVALID_INPUT, "The connection's base URL '" + baseUrl
          + "' is not an http(s) URL. Fix the connection's base URL.");
    }
    return base;
  }

  private Request request(ApiRequest request, HttpUrl url) throws HttpFailure {
    if (url == null) {
      throw HttpFailure.notSendable(ErrorCode.INVALID_INPUT, "The path of " + request.method() + " "
          + request.pathTemplate() + " does not make a URL with the base URL '" + baseUrl + "'.");
    }
    Optional<String> embedded = request.body() == null ? Optional.empty() : EmbeddedObjects.first(request.body());
    if (embedded.isPresent()) {
      throw HttpFailure.notSendable(ErrorCode.PLUGIN_ERROR, "The body of the connector plugin's request "
          + request.method() + " " + request.pathTemplate() + " holds a Java object, not JSON (" + embedded.get()
          + "); nothing was sent. This is a bug in the plugin: it must build request bodies from JSON values only.");
    }
    if (request.query().isEmpty()) {
      return build(request, url);
    }
    HttpUrl.Builder withQuery = url.newBuilder();
    for (Map.Entry<String, String> parameter : request.query().entrySet()) {
      withQuery.addQueryParameter(parameter.getKey(), parameter.getValue());
    }
    return build(request, withQuery.build());
  }

  private Request build(ApiRequest request, HttpUrl url) {
    Request.Builder built = new Request.Builder().url(url).header("Accept", "application/json");
    defaultHeaders.forEach(built::header);
    request.headers().forEach(built::header);
    withLastKnownCredential(built);
    return built.method(request.method(), body(request)).build();
  }

  /**
   * The connection's token as last known goes in now, so that {@link CredentialsInterceptor}, which still asks for
   * the current token and replaces one that changed, usually sends the request as it is instead of a copy.
   */
  private void withLastKnownCredential(Request.Builder built) {
    Secret token = activity.tokens().lastKnown();
    if (token != null) {
      CredentialPlacement placement = activity.placement();
      placement.addTo(built, credentialValues.of(placement, token));
    }
  }

  private static RequestBody body(ApiRequest request) {
    if (request.body() != null) {
      return RequestBody.create(Json.MAPPER.writeValueAsBytes(request.body()), JSON);
    }
    if (request.form() != null) {
      FormBody.Builder form = new FormBody.Builder();
      request.form().forEach(form::add);
      return form.build();
    }
    boolean needsBody = switch (request.method()) {
      case "POST", "PUT", "PATCH" -> true;
      default -> false;
    };
    return needsBody ? RequestBody.EMPTY : null;
  }

  /** A successful answer as an {@link ApiResponse}; closes it. */
  ApiResponse read(Response response, String label) throws IOException, HttpFailure {
    try (ResponseBody body = response.body()) {
      if (!response.isSuccessful()) {
        throw HttpFailure.answered(ErrorCode.UPSTREAM_ERROR, provider + " answered " + label + " with HTTP "
            + response.code() + ", which is neither a success nor an error. Retry later.", bare(response), null,
            null, null);
      }
      return new ApiResponse(response.code(), byName(response.headers()), json(body, response, label));
    }
  }

  /**
   * The headers by lower-case name, made as the unmodifiable map {@link ApiResponse} keeps (so it copies nothing),
   * without OkHttp's sorted, mutable copy.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> byName(Headers headers) {
    Map.Entry<String, List<String>>[] entries = new Map.Entry[headers.size()];
    int count = 0;
    next:
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      for (int known = 0; known < count; known++) {
        if (entries[known].getKey().equals(name)) {
          List<String> values = new ArrayList<>(entries[known].getValue());
          values.add(headers.value(i));
          entries[known] = Map.entry(name, List.copyOf(values));
          continue next;
        }
      }
      entries[count++] = Map.entry(name, List.of(headers.value(i)));
    }
    return Map.ofEntries(Arrays.copyOf(entries, count));
  }

  /** The body parsed as it streams in: no copy of it as bytes first. */
  private JsonNode json(ResponseBody body, Response response, String label) throws IOException, HttpFailure {
    BufferedSource source = body.source();
    if (source.exhausted()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.TREES.readTree(source.inputStream());
    } catch (JacksonIOException cutOff) {
      throw cutOff.getCause(); // the connection broke mid-body: a failed attempt, as a read of the bytes would be
    } catch (JacksonException notJson) {
      throw HttpFailure.answered(ErrorCode.UPSTREAM_ERROR, provider + " answered " + label + " with HTTP "
          + response.code() + " but its body is not JSON (content type " + MediaTypes.name(body.contentType())
          + "). Retry later; if it persists, check the connection's base URL (" + baseUrl + ").", bare(response),
          null, null, null);
    }
  }

  private static FailedAnswer bare(Response response) {
    return new FailedAnswer(response.code(), Map.of(), "");
  }
}
