package dev.patchbay.engine.workflows.expressions;

import java.util.AbstractList;
import java.util.RandomAccess;
import tools.jackson.databind.JsonNode;

/** A JSON array in an expression: read-only, and reading an element it does not have fails with the path. */
final class ArrayView extends AbstractList<Object> implements RandomAccess {

  private final String path;
  private final JsonNode node;

  ArrayView(String path, JsonNode node) {
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
  public Object get(int index) {
    if (index < 0 || index >= node.size()) {
      throw new EvaluationFailure(path + "[" + index + "]: no such element (the array has " + node.size() + ")");
    }
    return JsonView.of(path + "[" + index + "]", node.get(index));
  }

  @Override
  public int size() {
    return node.size();
  }

  /** JSON, which is what a user expects to see when an array is put into a string. */
  @Override
  public String toString() {
    return JsonView.unredacted(path, node).toString();
  }
}
