package dev.patchbay.engine.workflows.expressions;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A JSON object in an expression: read-only, and reading a member it does not have fails with the path. */
final class ObjectView extends AbstractMap<String, Object> {

  private final String path;
  private final JsonNode node;

  ObjectView(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  @Override
  public Object get(Object key) {
    String name = String.valueOf(key);
    if (!node.has(name)) {
      throw new EvaluationFailure(path + "." + name + ": no such field");
    }
    return JsonView.of(path + "." + name, node.get(name));
  }

  @Override
  public boolean containsKey(Object key) {
    return node.has(String.valueOf(key));
  }

  @Override
  public int size() {
    return node.size();
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return members.hasNext();
          }

          @Override
          public Map.Entry<String, Object> next() {
            Map.Entry<String, JsonNode> member = members.next();
            return new SimpleImmutableEntry<>(member.getKey(), JsonView.of(path + "." + member.getKey(),
                member.getValue()));
          }
        };
      }

      @Override
      public int size() {
        return node.size();
      }
    };
  }

  /** JSON, which is what a user expects to see when an object is put into a string. */
  @Override
  public String toString() {
    return JsonView.unredacted(path, node).toString();
  }
}
