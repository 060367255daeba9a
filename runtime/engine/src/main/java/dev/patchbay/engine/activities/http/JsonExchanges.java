package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.EmbeddedObjects;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** JSON in and out: an {@link ApiRequest} as an OkHttp request against the base URL, a 2xx answer as JSON. */
final class JsonExchanges {

  private static final MediaType JSON = MediaType.get("application/json");

  private final String provider;
  private final String baseUrl;

  JsonExchanges(String provider, String baseUrl) {
    this.provider = provider;
    this.baseUrl = baseUrl;
  }

  Request request(ApiRequest request) throws HttpFailure {
    // The path is already percent-encoded per segment (ApiRequest), so it is appended as it is.
    HttpUrl url = HttpUrl.parse(baseUrl + request.path());
    if (url == null) {
      throw HttpFailure.noAnswer(ErrorCode.INVALID_INPUT, "The connection's base URL '" + baseUrl
          + "' is not an http(s) URL. Fix the connection's base URL.", null);
    }
    Optional<String> embedded = request.body() == null ? Optional.empty() : EmbeddedObjects.first(request.body());
    if (embedded.isPresent()) {
      throw HttpFailure.noAnswer(ErrorCode.PLUGIN_ERROR, "The body of the connector plugin's request "
          + request.method() + " " + request.pathTemplate() + " holds a Java object, not JSON (" + embedded.get()
          + "); nothing was sent. This is a bug in the plugin: it must build request bodies from JSON values only.",
          null);
    }
    HttpUrl.Builder withQuery = url.newBuilder();
    for (Map.Entry<String, String> parameter : request.query().entrySet()) {
      withQuery.addQueryParameter(parameter.getKey(), parameter.getValue());
    }
    return new Request.Builder()
        .url(withQuery.build())
        .header("Accept", "application/json")
        .method(request.method(), body(request))
        .build();
  }

  private static RequestBody body(ApiRequest request) {
    if (request.body() != null) {
      return RequestBody.create(Json.MAPPER.writeValueAsBytes(request.body()), JSON);
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
            + response.code() + ", which is neither a success nor an error. Retry later.", response.code(), null,
            null, null);
      }
      byte[] bytes = body.bytes();
      return new ApiResponse(response.code(), response.headers().toMultimap(), json(bytes, body, response, label));
    }
  }

  private JsonNode json(byte[] bytes, ResponseBody body, Response response, String label) throws HttpFailure {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JacksonException notJson) {
      throw HttpFailure.answered(ErrorCode.UPSTREAM_ERROR, provider + " answered " + label + " with HTTP "
          + response.code() + " but its body is not JSON (content type " + MediaTypes.name(body.contentType())
          + "). Retry later; if it persists, check the connection's base URL (" + baseUrl + ").", response.code(),
          null, null, null);
    }
  }
}
