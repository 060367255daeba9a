package dev.patchbay.zoom.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A complete answer, built before anything is written: the top-level handler can then still decide to drop it (the
 * "lost response" fault) or add the rate-limit headers.
 */
final class Response {

  /** Writes a body whose length is known up front, so even large downloads need no buffering. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final long length;
  private final Body body;

  private Response(int status, String contentType, long length, Body body) {
    this.status = status;
    this.length = length;
    this.body = body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  static Response json(int status, JsonNode json) {
    byte[] bytes = SandboxJson.bytes(json);
    return new Response(status, "application/json;charset=UTF-8", bytes.length, out -> out.write(bytes));
  }

  static Response empty(int status) {
    return new Response(status, null, -1, null);
  }

  static Response html(int status, String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    return new Response(status, "text/html;charset=UTF-8", bytes.length, out -> out.write(bytes))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer");
  }

  static Response redirect(String location) {
    return new Response(302, null, -1, null).header("Location", location).header("Cache-Control", "no-store");
  }

  static Response stream(int status, String contentType, long length, Body body) {
    return new Response(status, contentType, length, body);
  }

  Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  String header(String name) {
    return headers.get(name);
  }

  void send(HttpExchange exchange) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    if (body == null || head) {
      if (head && length >= 0) {
        exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
      }
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    // The JDK server reads 0 as "chunked"; an empty body must be announced as -1 (none).
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }
}
