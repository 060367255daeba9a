package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;

/** An HTTP client of the server for tests; keeps every answer's headers and body for the secrets scan. */
final class Api {

  record Answer(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonNode json() {
      return Json.MAPPER.readTree(response.body());
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String code() {
      return json().path("code").asString();
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  final List<String> seen = new CopyOnWriteArrayList<>();

  Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Answer get(String path) {
    return send(request(path, token).GET());
  }

  Answer post(String path, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer put(String path, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer delete(String path) {
    return send(request(path, token).DELETE());
  }

  /**
   * The status line of the answer to a POST that announces a body of {@code contentLength} bytes and sends none of
   * it: what a server that refuses by the announced length answers, with no upload to race its close.
   */
  String statusOfAnnouncedBody(String path, long contentLength) throws java.io.IOException {
    URI uri = URI.create(base + path);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
          + contentLength + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      return reader.readLine();
    }
  }

  /** A POST whose body is streamed in chunks, without a Content-Length. */
  Answer postChunked(String path, byte[] body) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
  }

  /** A request with exactly these headers (name, value pairs) and no token unless given. */
  Answer raw(String method, String path, String body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  private HttpRequest.Builder request(String path, String bearer) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + bearer);
  }

  private Answer send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!closedBeforeAnswering(e)) {
          throw e;
        }
        // The JDK's client reused a kept-alive connection the server had just closed, and it never sends a POST again
        // on its own: a browser would, so the test does, once. No byte of an answer came: the server never handled
        // this request.
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      }
      seen.add(response.headers().map() + "\n" + response.body());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean closedBeforeAnswering(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("header parser received no bytes");
  }

  private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile(
      "name=\"csrf\" value=\"([^\"]+)\"");

  /** An HTML form body. */
  static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  /** The CSRF token of the first form on a page. */
  static String csrfOf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertTrue(matcher.find(), html);
    return matcher.group(1);
  }

  /** The value a Set-Cookie header of the answer gives the cookie. */
  static String cookie(Api.Answer answer, String name) {
    String value = answer.response().headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith(name + "=")).findFirst().orElse(null);
    assertNotNull(value, "no " + name + " cookie");
    return value.substring(name.length() + 1, value.indexOf(';'));
  }
}
