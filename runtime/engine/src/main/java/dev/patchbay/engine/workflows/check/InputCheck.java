package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.definition.InputDeclaration;
import dev.patchbay.engine.workflows.definition.SourceDocument;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves the run's inputs: a value given for the run (as text, parsed by the declared type, or as recorded by an
 * earlier run), else the default (whose expressions may read {@code env} and call functions), else null for an
 * optional input. A value never appears in a message when its input is secret.
 */
final class InputCheck {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Workflow workflow;
  private final Expressions expressions;
  private final Map<String, String> environment;
  private final ReferenceCheck references;
  private final Problems problems;
  private final boolean onEvent;

  /** @param onEvent the workflow runs on events, which give only the input {@code event} */
  InputCheck(Workflow workflow, Expressions expressions, Map<String, String> environment, ReferenceCheck references,
      Problems problems, boolean onEvent) {
    this.workflow = workflow;
    this.expressions = expressions;
    this.environment = environment;
    this.references = references;
    this.problems = problems;
    this.onEvent = onEvent;
  }

  /**
   * @param given values given for the run as text, by input name
   * @param recorded values an earlier run recorded, by input name; a value given as text wins
   */
  ObjectNode resolve(Map<String, String> given, Map<String, JsonNode> recorded) {
    given.keySet().stream().filter(name -> !workflow.inputs().containsKey(name)).sorted().forEach(name ->
        problems.given("unknown input '" + name + "'" + Suggestions.hint(name, workflow.inputs().keySet())
            + (workflow.inputs().isEmpty() ? "; the workflow declares no inputs"
                : "; the workflow declares " + String.join(", ", workflow.inputs().keySet()))));
    ObjectNode inputs = NODES.objectNode();
    for (InputDeclaration input : workflow.inputs().values()) {
      if (input.type() != null) {
        inputs.set(input.name(), value(input, given.get(input.name()), recorded.get(input.name())));
      }
    }
    return inputs;
  }

  private JsonNode value(InputDeclaration input, String text, JsonNode recorded) {
    String pointer = "/inputs" + SourceDocument.segment(input.name());
    if (text != null) {
      try {
        return input.type().parse(text);
      } catch (IllegalArgumentException e) {
        problems.given("input '" + input.name() + "' must be " + input.type().expected()
            + (input.secret() ? "" : ", got '" + text + "'"));
        return NODES.nullNode();
      }
    }
    if (recorded != null && !recorded.isNull()) {
      if (!input.type().accepts(recorded)) {
        problems.at(pointer, "input '" + input.name() + "' as the run recorded it is not " + input.type().expected()
            + " (was the workflow file changed?)");
      }
      return recorded;
    }
    if (input.defaultValue() != null) {
      return defaultValue(input, pointer + "/default");
    }
    if (input.required()) {
      problems.at(pointer, onEvent
          ? "input '" + input.name() + "' needs a default: a run on an event is given only '"
              + TriggerCheck.EVENT_INPUT + "'"
          : "input '" + input.name() + "' is required: give it for the run (--input " + input.name() + "=VALUE)");
    }
    return NODES.nullNode();
  }

  private JsonNode defaultValue(InputDeclaration input, String pointer) {
    if (!references.check(input.defaultValue(), pointer, ReferenceScope.inputDefault())) {
      return NODES.nullNode();
    }
    JsonNode value;
    try {
      value = expressions.resolve(input.defaultValue(), Scope.of(NODES.objectNode(), NODES.objectNode(), environment));
    } catch (ExpressionException e) {
      problems.at(pointer, e.getMessage());
      return NODES.nullNode();
    }
    if (!input.type().accepts(value)) {
      problems.at(pointer, "the default of '" + input.name() + "' must be " + input.type().expected()
          + (input.secret() ? "" : ", got " + value));
    }
    return value;
  }
}
