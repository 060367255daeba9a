package dev.patchbay.engine.json;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Finds Java objects embedded in a JSON tree (POJO nodes, which Jackson's tree allows). JSON a plugin hands the
 * host must be JSON only: serialising one of the plugin's objects with a host mapper would cache its class in the
 * mapper's type and serializer caches, for the life of the process, and with it the plugin's class loader and every
 * class of the plugin, long after the plugin was unloaded.
 */
public final class EmbeddedObjects {

  private EmbeddedObjects() {}

  /** Where the first embedded object is and what it is ({@code at /trace: a com.example.Trace}); empty for JSON. */
  public static Optional<String> first(JsonNode tree) {
    // Looked for without building pointers first: nearly every tree has none, and it is checked on every call.
    return new Search().holdsAny(tree) ? first(tree, "") : Optional.empty();
  }

  /**
   * Whether a tree holds an embedded object, visiting object properties through {@code forEachEntry}: an iterator
   * per object node cost more than the rest of the check.
   */
  private static final class Search implements BiConsumer<String, JsonNode> {
    private boolean found;

    boolean holdsAny(JsonNode node) {
      if (node instanceof POJONode) {
        found = true;
      } else if (node instanceof ObjectNode object) {
        object.forEachEntry(this);
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size() && !found; i++) {
          holdsAny(array.get(i));
        }
      }
      return found;
    }

    @Override
    public void accept(String name, JsonNode value) {
      if (!found) {
        holdsAny(value);
      }
    }
  }

  private static Optional<String> first(JsonNode node, String pointer) {
    if (node instanceof POJONode embedded) {
      Object value = embedded.getPojo();
      return Optional.of((pointer.isEmpty() ? "at the top" : "at " + pointer) + ": a "
          + (value == null ? "null object" : value.getClass().getName()));
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String escaped = property.getKey().replace("~", "~0").replace("/", "~1");
        Optional<String> found = first(property.getValue(), pointer + "/" + escaped);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      Optional<String> found = first(node.get(i), pointer + "/" + i);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
