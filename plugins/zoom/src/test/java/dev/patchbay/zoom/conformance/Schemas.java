package dev.patchbay.zoom.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code $ref} handling for OpenAPI documents, and percent-decoding. */
final class Schemas {

  private static final int MAX_DEPTH = 64;

  private Schemas() {}

  /** The node a local {@code $ref} points at (followed until it is not a reference), or the node itself. */
  static JsonNode resolveRef(JsonNode root, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.isObject() && current.has("$ref"); hops++) {
      if (hops > MAX_DEPTH) {
        throw new AssertionError("$ref chain too long in Zoom's OpenAPI (a cycle?) at " + node.get("$ref"));
      }
      current = target(root, current.get("$ref").asString());
    }
    return current;
  }

  /**
   * The schema with every local {@code $ref} replaced by a copy of what it points at, so a validator needs nothing
   * but the schema itself.
   */
  static JsonNode inline(JsonNode root, JsonNode schema) {
    return inline(root, schema, 0);
  }

  private static JsonNode inline(JsonNode root, JsonNode schema, int depth) {
    if (depth > MAX_DEPTH) {
      throw new AssertionError("$ref nesting too deep in Zoom's OpenAPI (a recursive schema?)");
    }
    if (schema.isObject() && schema.has("$ref")) {
      return inline(root, target(root, schema.get("$ref").asString()), depth + 1);
    }
    if (schema.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      schema.properties().forEach(entry -> copy.set(entry.getKey(), inline(root, entry.getValue(), depth + 1)));
      return copy;
    }
    if (schema.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      schema.forEach(item -> copy.add(inline(root, item, depth + 1)));
      return copy;
    }
    return schema;
  }

  private static JsonNode target(JsonNode root, String ref) {
    if (!ref.startsWith("#")) {
      throw new AssertionError("only local $refs are supported in Zoom's OpenAPI, found " + ref);
    }
    // A reference is a URI fragment: percent-decode it, then read it as a JSON pointer (~0, ~1 escapes).
    JsonNode target = root.at(decode(ref.substring(1), false));
    if (target.isMissingNode()) {
      throw new AssertionError("cannot resolve $ref " + ref + " in Zoom's OpenAPI");
    }
    return target;
  }

  /**
   * Percent-decodes once, as a server does before routing; {@code +} stays {@code +} (this is a path, not a form).
   *
   * @throws IllegalArgumentException on a broken escape, a character a URI path must not hold raw, or bytes that
   *     are not UTF-8
   */
  static String decodeOnce(String encoded) {
    return decode(encoded, true);
  }

  /** @param strict whether a character a URI path must not hold raw is an error (else it is kept as it is) */
  private static String decode(String encoded, boolean strict) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
            || Character.digit(encoded.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("broken percent-escape at index " + i + " of " + encoded);
        }
        bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
        i += 2;
      } else if (allowedRaw(c) || !strict) {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      } else {
        throw new IllegalArgumentException("'" + c + "' must be percent-encoded in " + encoded);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-escapes that are not UTF-8 in " + encoded, e);
    }
  }

  /** RFC 3986 pchar without pct-encoded, plus "/": unreserved, sub-delims, ":" and "@"; "#" and "?" are not. */
  private static boolean allowedRaw(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
  }
}
