package dev.patchbay.engine.workflows.expressions;

import dev.patchbay.engine.workflows.records.RunRecord;
import tools.jackson.databind.JsonNode;

/**
 * JSON values as expressions see them: strings, numbers, booleans and null as themselves, objects and arrays as
 * read-only views that know their path, so that reading a field or element that is not there fails with the path
 * named ({@code steps.list.output.meetngs: no such field}) instead of yielding null.
 */
final class JsonView {

  private JsonView() {}

  static Object of(String path, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return new ObjectView(path, node);
    }
    if (node.isArray()) {
      return new ArrayView(path, node);
    }
    if (node.isString()) {
      return unredacted(path, node).stringValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asString();
  }

  /** The tree behind a view, whole, or null when {@code value} is not a view. */
  static JsonNode node(Object value) {
    if (value instanceof ObjectView object) {
      return unredacted(object.path(), object.node());
    }
    if (value instanceof ArrayView array) {
      return unredacted(array.path(), array.node());
    }
    return null;
  }

  /**
   * {@code node}, unless a string in it holds a redaction placeholder. Only a run record holds those: a resumed run
   * that reuses a recorded output must not go on with the placeholder as if it were the value.
   */
  static JsonNode unredacted(String path, JsonNode node) {
    if (holdsRedaction(node)) {
      throw new EvaluationFailure(path + ": redacted in the run record, and the run kept no sealed values (it was made "
          + "before Patchbay kept them), so a resumed run cannot use it; start the workflow again");
    }
    return node;
  }

  private static boolean holdsRedaction(JsonNode node) {
    return node.isString() ? node.stringValue().contains(RunRecord.REDACTED)
        : node.isContainer() && node.values().stream().anyMatch(JsonView::holdsRedaction);
  }
}
