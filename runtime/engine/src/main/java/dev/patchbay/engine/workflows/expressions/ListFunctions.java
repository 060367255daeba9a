package dev.patchbay.engine.workflows.expressions;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code list:} functions of expressions, for reshaping one step's output into another step's {@code forEach}
 * (every recording file of every meeting, say) without a general-purpose language.
 */
public final class ListFunctions {

  ListFunctions() {}

  /** The elements of the arrays in {@code array}, in order; elements that are not arrays are kept as they are. */
  public Object flatten(Object array) {
    ArrayNode flat = JsonNodeFactory.instance.arrayNode();
    for (Object element : list("flatten", array)) {
      if (element instanceof List<?> inner) {
        inner.forEach(value -> flat.add(JsonValues.toJson(value)));
      } else {
        flat.add(JsonValues.toJson(element));
      }
    }
    return JsonView.of("list:flatten(...)", flat);
  }

  /**
   * The elements of {@code array} that are not null: a forEach step's {@code output} without the elements that did
   * not succeed, which plucking would otherwise stop at.
   */
  public Object compact(Object array) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    for (Object element : list("compact", array)) {
      if (element != null) {
        kept.add(JsonValues.toJson(element));
      }
    }
    return JsonView.of("list:compact(...)", kept);
  }

  /** The value of {@code field} of every object in {@code array}, in order. */
  public Object pluck(Object array, Object field) {
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    List<?> elements = list("pluck", array);
    for (int i = 0; i < elements.size(); i++) {
      if (!(elements.get(i) instanceof Map<?, ?> object) || !object.containsKey(String.valueOf(field))) {
        throw new EvaluationFailure("list:pluck: element " + i + " has no field '" + field + "'"
            + (elements.get(i) == null ? " (it is null; list:compact(...) leaves out the elements of a forEach "
                + "output that did not succeed)" : ""));
      }
      values.add(JsonValues.toJson(object.get(String.valueOf(field))));
    }
    return JsonView.of("list:pluck(...)", values);
  }

  private static List<?> list(String function, Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Object[] literal) {
      // An array literal written in the expression, such as [a, b].
      return java.util.Arrays.asList(literal);
    }
    throw new EvaluationFailure("list:" + function + ": expects an array, got " + (value == null ? "null"
        : value instanceof Map ? "an object" : "'" + value + "'"));
  }
}
