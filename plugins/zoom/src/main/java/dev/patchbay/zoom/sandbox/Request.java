package dev.patchbay.zoom.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One HTTP request, read completely, with Zoom's rules for decoding path segments. */
final class Request {

  /** Far above anything the Zoom API takes, small enough that a runaway client cannot exhaust the heap. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final Pattern ENCODED_SLASH = Pattern.compile("%2[Ff]");

  private final String method;
  private final String path;
  private final List<String> segments;
  private final Map<String, String> query;
  private final HttpExchange exchange;
  private final byte[] body;

  private Request(HttpExchange exchange, byte[] body) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    this.path = exchange.getRequestURI().getRawPath();
    this.segments = segments(path);
    this.query = parameters(exchange.getRequestURI().getRawQuery());
    this.body = body;
  }

  static Request read(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw ApiError.zoom(413, 300, "Request body is too large.");
      }
      return new Request(exchange, body);
    }
  }

  String method() {
    return method;
  }

  /** The raw path, as sent. */
  String path() {
    return path;
  }

  /**
   * The decoded path segments, or null when the path cannot be decoded. Zoom's front end turns {@code %2F} into a
   * separator before routing, which is why a meeting UUID containing "/" must be encoded twice: the segment is
   * decoded once more when it still holds an escape after the first pass.
   */
  List<String> segments() {
    return segments;
  }

  String query(String name) {
    return query.get(name);
  }

  Map<String, String> query() {
    return query;
  }

  /** Query parameters overlaid with a form body's: the OAuth endpoints take their parameters either way. */
  Map<String, String> parameters() {
    Map<String, String> all = new LinkedHashMap<>(query);
    String type = header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      all.putAll(parameters(new String(body, StandardCharsets.UTF_8)));
    }
    return all;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  ObjectNode jsonObject() {
    if (body.length == 0) {
      return SandboxJson.object();
    }
    JsonNode node;
    try {
      node = SandboxJson.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiError.zoom(400, 300, "Request Body should be a valid JSON object.");
    }
    if (node == null || node.isMissingNode()) {
      return SandboxJson.object();
    }
    if (!node.isObject()) {
      throw ApiError.zoom(400, 300, "Request Body should be a valid JSON object.");
    }
    return (ObjectNode) node;
  }

  private static List<String> segments(String rawPath) {
    List<String> result = new ArrayList<>();
    String[] parts = ENCODED_SLASH.matcher(rawPath).replaceAll("/").split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String segment = decode(parts[i]);
      if (segment == null) {
        return null;
      }
      if (segment.indexOf('%') >= 0) {
        segment = decode(segment);
        if (segment == null) {
          return null;
        }
      }
      result.add(segment);
    }
    return Collections.unmodifiableList(result);
  }

  /** Percent-decoding of a path segment, where "+" is itself and not a space. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Form-encoded parameters; the first occurrence of a name wins. */
  private static Map<String, String> parameters(String raw) {
    Map<String, String> result = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        result.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        throw ApiError.zoom(400, 300, "Invalid request parameters.");
      }
    }
    return result;
  }
}
