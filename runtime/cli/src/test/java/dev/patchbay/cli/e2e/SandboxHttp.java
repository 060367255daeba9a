package dev.patchbay.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;

/**
 * The Zoom sandbox's own endpoints ({@code /_sandbox}), reached over HTTP as any client outside the plugin's class
 * loader must: settings and fault switches, and counts of the requests it received.
 */
public final class SandboxHttp {

  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
  private final String origin;

  public SandboxHttp(RunningSandbox running) {
    this.origin = running.baseUrl().replaceFirst("/v2$", "");
  }

  public String origin() {
    return origin;
  }

  /** {@code GET /_sandbox}: URLs, connection fields, users, settings, faults. */
  public JsonNode describe() {
    return call(new Request.Builder().url(origin + "/_sandbox").get().build());
  }

  /** {@code POST /_sandbox/control} with the given JSON object; returns the description after the change. */
  public JsonNode control(String changes) {
    return call(new Request.Builder().url(origin + "/_sandbox/control")
        .post(RequestBody.create(changes, JSON)).build());
  }

  /** Requests the sandbox received whose path starts with {@code pathPrefix}. */
  public long requests(String pathPrefix) {
    return call(new Request.Builder().url(origin + "/_sandbox/requests?pathPrefix=" + pathPrefix).get().build())
        .path("count").asLong();
  }

  /** Requests with a {@code Range} header (a download going on from its {@code .part} bytes) under the prefix. */
  public long rangedRequests(String pathPrefix) {
    return call(new Request.Builder().url(origin + "/_sandbox/requests?ranged=true&pathPrefix=" + pathPrefix).get()
        .build()).path("count").asLong();
  }

  /** Requests the sandbox received for exactly this path (not the paths below it). */
  public long requestsTo(String path) {
    return requests(path) - requests(path + "/");
  }

  /** Token requests with this grant_type ({@code refresh_token}, {@code authorization_code}, ...). */
  public long tokenRequests(String grantType) {
    return call(new Request.Builder().url(origin + "/_sandbox/requests?grantType=" + grantType).get().build())
        .path("count").asLong();
  }

  /** The sandbox app's client id behind an auth type. */
  public String clientId(String authTypeId) {
    return describe().path("connections").path(authTypeId).path("clientId").asString();
  }

  /** A plain request to the sandbox, e.g. with a bearer token the test read from the runtime. */
  public Response send(Request request) {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public OkHttpClient client() {
    return http;
  }

  private JsonNode call(Request request) {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertEquals(200, response.code(), () -> request.url() + ": " + body);
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
