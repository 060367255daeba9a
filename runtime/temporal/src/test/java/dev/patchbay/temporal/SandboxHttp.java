package dev.patchbay.temporal;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** The Zoom sandbox's own endpoints under {@code /_sandbox}: settings and faults, and request counts. */
final class SandboxHttp {

  private final String baseUrl;

  SandboxHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Changes the sandbox's settings and faults. */
  JsonNode control(String json) {
    return send(HttpRequest.newBuilder(uri("/_sandbox/control")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Requests the sandbox answered whose path starts with {@code prefix}. */
  int requests(String prefix) {
    return send(HttpRequest.newBuilder(uri("/_sandbox/requests?pathPrefix=" + prefix)).GET().build())
        .path("count").asInt();
  }

  private URI uri(String path) {
    return URI.create(baseUrl).resolve(path);
  }

  private static JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
      }
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
