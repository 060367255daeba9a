package dev.patchbay.engine.workflows.check;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.schema.InvalidSchemaException;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.workflows.definition.SourceDocument;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.expressions.Expressions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Checks a step's input as written against its operation's input schema, as far as it is known before the run.
 * Expressions stand in for themselves: a required member written as an expression is present, and what the schema
 * says about the value of an expression (its type, its format, a combinator over it) is left to the run. What
 * depends only on which members are there (required, unknown members, counts) is checked.
 */
final class LiteralInputCheck {

  /** Keywords whose verdict on an object or array depends only on its members' names or count, never on values. */
  private static final Set<String> SHAPE_KEYWORDS = Set.of("required", "additionalProperties",
      "unevaluatedProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "minItems",
      "maxItems", "type");

  private final Map<OperationDefinition, Schema> schemas = new IdentityHashMap<>();
  private final Problems problems;

  LiteralInputCheck(Problems problems) {
    this.problems = problems;
  }

  void check(Step step, OperationDefinition operation) {
    JsonNode input = step.input() == null ? JsonNodeFactory.instance.objectNode() : step.input();
    if (!input.isObject()) {
      return;
    }
    Schema schema = schema(operation);
    if (schema == null) {
      return;
    }
    List<String> expressions = new ArrayList<>();
    Expressions.forEachTemplate(input, (pointer, text) -> expressions.add(pointer));
    String base = step.pointer() + "/input";
    for (Error error : schema.validate(input)) {
      String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
      if (dependsOnExpression(location, error.getKeyword(), expressions)) {
        continue;
      }
      String pointer = location;
      if (error.getProperty() != null && !error.getKeyword().equals("required")) {
        pointer = location + SourceDocument.segment(error.getProperty());
      }
      problems.at(base + pointer, "input" + location + " for " + step.activity() + ": " + error.getMessage());
    }
  }

  /**
   * Whether a violation could be an artifact of an expression standing in for its value: it is at or under an
   * expression, or it is over one and judges values rather than the shape.
   */
  private static boolean dependsOnExpression(String location, String keyword, List<String> expressions) {
    for (String expression : expressions) {
      if (location.equals(expression) || location.startsWith(expression + "/")) {
        return true;
      }
      boolean over = location.isEmpty() || expression.startsWith(location + "/");
      if (over && !SHAPE_KEYWORDS.contains(keyword)) {
        return true;
      }
    }
    return false;
  }

  private Schema schema(OperationDefinition operation) {
    return schemas.computeIfAbsent(operation, op -> {
      try {
        return op.input() == null ? null : JsonSchemas.compile(op.input());
      } catch (InvalidSchemaException e) {
        // The catalog verified every definition's schemas at load; a schema it let through is not the workflow's
        // problem, and the runner will report it.
        return null;
      }
    });
  }
}
