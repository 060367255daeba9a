package dev.patchbay.server.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.Json;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies: read up to the size limit, parsed as a JSON object, malformed JSON reported with its position. */
public final class JsonBodies {

  private final long maxBytes;

  public JsonBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A 413 answer for a body over the limit. */
  public ApiException tooLarge() {
    return new ApiException(413, ApiException.REQUEST_TOO_LARGE, "the request body is larger than the limit of "
        + maxBytes + " bytes", Map.of("limitBytes", maxBytes), Map.of());
  }

  /** The body as a JSON object; an empty body is an empty object. */
  public ObjectNode object(Context ctx) {
    byte[] bytes = read(ctx);
    if (bytes.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      int line = location == null ? 0 : location.getLineNr();
      int column = location == null ? 0 : location.getColumnNr();
      throw new ApiException(400, ErrorCode.INVALID_INPUT.name(), "the request body is not valid JSON at line "
          + line + ", column " + column + ": " + e.getOriginalMessage(), Map.of("line", line, "column", column),
          Map.of());
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, ErrorCode.INVALID_INPUT.name(), "the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** The body's bytes as they arrived, up to the limit. */
  public byte[] read(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = ctx.bodyInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > maxBytes) {
          throw tooLarge();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** A string member, or null when absent; anything but a string is a 400. */
  public static String optionalString(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw invalid("'" + name + "' must be a string");
    }
    return value.stringValue();
  }

  /** An object member, or null when absent; anything but an object is a 400. */
  public static ObjectNode optionalObject(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid("'" + name + "' must be a JSON object");
    }
    return (ObjectNode) value;
  }

  public static ApiException invalid(String message) {
    return new ApiException(400, ErrorCode.INVALID_INPUT.name(), message);
  }
}
