package dev.patchbay.zoom.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The sandbox's one JSON mapper and the small conversions every endpoint shares. */
final class SandboxJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SandboxJson() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** Zoom writes times as {@code yyyy-MM-ddTHH:mm:ssZ}: UTC, whole seconds. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A text field, or null when absent, null or not text. */
  static String text(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isString() ? value.stringValue() : null;
  }
}
