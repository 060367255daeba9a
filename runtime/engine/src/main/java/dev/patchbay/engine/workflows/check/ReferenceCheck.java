package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import dev.patchbay.engine.workflows.expressions.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Parses every expression of a value and checks what it reads: a declared input, an earlier step (and one of its
 * {@code output}, {@code items}, {@code status}, {@code error}), {@code item} only inside a {@code forEach} step, and
 * {@code env} only for set {@code PATCHBAY_VAR_*} variables.
 */
final class ReferenceCheck {

  private static final Set<String> STEP_FIELDS = Set.of("output", "items", "status", "error");

  private final Workflow workflow;
  private final Expressions expressions;
  private final Map<String, String> environment;
  private final Problems problems;

  ReferenceCheck(Workflow workflow, Expressions expressions, Map<String, String> environment, Problems problems) {
    this.workflow = workflow;
    this.expressions = expressions;
    this.environment = environment;
    this.problems = problems;
  }

  /** Checks every expression in {@code value} (at {@code pointer} in the file); false when one has a problem. */
  boolean check(JsonNode value, String pointer, ReferenceScope scope) {
    boolean[] clean = {true};
    Expressions.forEachTemplate(value, (relative, text) -> {
      if (!checkTemplate(text, pointer + relative, scope)) {
        clean[0] = false;
      }
    });
    return clean[0];
  }

  private boolean checkTemplate(String text, String pointer, ReferenceScope scope) {
    Template template;
    try {
      template = expressions.template(text);
    } catch (ExpressionException e) {
      problems.at(pointer, e.getMessage());
      return false;
    }
    boolean clean = true;
    for (List<String> path : template.references()) {
      String problem = problem(path, scope);
      if (problem != null) {
        problems.at(pointer, problem);
        clean = false;
      }
    }
    return clean;
  }

  private String problem(List<String> path, ReferenceScope scope) {
    String root = path.get(0);
    return switch (root) {
      case "inputs" -> inputProblem(path, scope);
      case "steps" -> stepProblem(path, scope);
      case "item", "itemIndex" -> scope.item() ? null
          : root + " is only bound in the input and when of a forEach step";
      case "env" -> envProblem(path);
      default -> "unknown name '" + root + "': expressions read inputs, steps, item, itemIndex and env, "
          + "and call date:..., list:..., size and empty";
    };
  }

  private String inputProblem(List<String> path, ReferenceScope scope) {
    if (!scope.inputs()) {
      return "an input's default cannot read inputs (only env and functions)";
    }
    if (path.size() > 1 && !workflow.inputs().containsKey(path.get(1))) {
      return "inputs." + path.get(1) + ": no such input" + Suggestions.hint(path.get(1), workflow.inputs().keySet());
    }
    return null;
  }

  private String stepProblem(List<String> path, ReferenceScope scope) {
    if (path.size() < 2) {
      return null;
    }
    String id = path.get(1);
    Step step = workflow.step(id).orElse(null);
    if (step == null) {
      Set<String> ids = workflow.steps().stream().map(Step::id).filter(s -> s != null)
          .collect(Collectors.toSet());
      String dashed = ids.stream().filter(known -> known.startsWith(id + "-")).findFirst()
          .map(known -> " (write steps['" + known + "'] for an id with '-')").orElse(null);
      return "steps." + id + ": no such step" + (dashed != null ? dashed : Suggestions.hint(id, ids));
    }
    if (step.index() >= scope.stepsBefore()) {
      return "steps." + id + ": a step can only read steps before it, and " + id + " is not before this one";
    }
    if (path.size() > 2) {
      String field = path.get(2);
      if (!STEP_FIELDS.contains(field)) {
        return "steps." + id + "." + field + ": a step has output, items, status and error"
            + Suggestions.hint(field, STEP_FIELDS);
      }
      if (field.equals("items") && !step.isForEach()) {
        return "steps." + id + ".items: " + id + " has no forEach, so no items";
      }
    }
    return null;
  }

  private String envProblem(List<String> path) {
    if (path.size() < 2) {
      return null;
    }
    String name = path.get(1);
    if (!name.startsWith(Scope.ENV_PREFIX)) {
      return "env." + name + ": only environment variables named " + Scope.ENV_PREFIX
          + "* can be read (others may hold secrets that would reach run records)";
    }
    if (!environment.containsKey(name)) {
      return "env." + name + ": the environment variable is not set";
    }
    return null;
  }
}
