package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import dev.patchbay.engine.workflows.expressions.Template;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a step's expressions give in a scope: its {@code when}, its {@code forEach} elements and its input. Pure (it
 * reads only the scope and the expressions' clock), so every executor of workflows, the local one and Temporal's,
 * evaluates steps alike.
 */
public final class StepValues {

  private final Expressions expressions;

  public StepValues(Expressions expressions) {
    this.expressions = expressions;
  }

  /** The value of a {@code when}; true when there is none. */
  public boolean condition(JsonNode when, Scope scope) throws ExpressionException {
    if (when == null) {
      return true;
    }
    JsonNode value = expressions.resolve(when, scope);
    if (!value.isBoolean()) {
      throw new ExpressionException("must be true or false, got " + kind(value));
    }
    return value.booleanValue();
  }

  /** Whether a {@code when} reads {@code item} or {@code itemIndex}, and so is evaluated per element. */
  public boolean readsItem(JsonNode when) {
    if (when == null || !when.isString() || !Expressions.isTemplate(when.stringValue())) {
      return false;
    }
    try {
      Template template = expressions.template(when.stringValue());
      return template.references().stream()
          .anyMatch(path -> path.get(0).equals("item") || path.get(0).equals("itemIndex"));
    } catch (ExpressionException e) {
      // Checked before the run; a when that does not parse is evaluated once and fails there.
      return false;
    }
  }

  /** Whether the step's {@code when} is evaluated once, before anything else of the step. */
  public boolean conditionPerStep(Step step) {
    return !(step.isForEach() && readsItem(step.when()));
  }

  /** The elements of a {@code forEach} step. */
  public List<JsonNode> elements(Step step, Scope scope) throws ExpressionException {
    JsonNode value = expressions.resolve(step.forEach(), scope);
    if (!value.isArray()) {
      throw new ExpressionException("must give an array, got " + kind(value));
    }
    List<JsonNode> items = new ArrayList<>();
    value.values().forEach(items::add);
    return items;
  }

  /** The step's input with expressions resolved; an empty object when it has none. */
  public JsonNode input(Step step, Scope scope) throws ExpressionException {
    return expressions.resolve(step.input() == null ? JsonNodeFactory.instance.objectNode() : step.input(), scope);
  }

  /** "input/topic: ..." for a member of the input, "input: ..." for a whole-value input. */
  public static String inputFailure(ExpressionException e) {
    return e.getMessage().startsWith("/") ? "input" + e.getMessage() : "input: " + e.getMessage();
  }

  /** "forEach element 2: ..." style summary of a forEach step's failed elements: the first, and how many. */
  public static String elementsFailed(int firstIndex, String firstMessage, int failed) {
    return "element " + firstIndex + ": " + firstMessage + (failed > 1 ? " (" + failed + " elements failed)" : "");
  }

  private static String kind(JsonNode value) {
    return value.isObject() ? "an object" : value.isArray() ? "an array" : value.isString()
        ? "the string '" + value.stringValue() + "'" : value.toString();
  }
}
