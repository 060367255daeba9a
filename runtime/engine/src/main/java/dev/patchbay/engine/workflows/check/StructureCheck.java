package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.definition.OnError;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rules about steps a schema cannot express: unique ids, ids that are not {@code onError} keywords, and
 * {@code onError} handlers that exist and come later.
 */
final class StructureCheck {

  private static final Set<String> RESERVED = Set.of("fail", "continue");

  private StructureCheck() {}

  static void check(Workflow workflow, Problems problems) {
    Map<String, Step> seen = new HashMap<>();
    for (Step step : workflow.steps()) {
      if (step.id() == null) {
        continue;
      }
      if (RESERVED.contains(step.id())) {
        problems.at(step.pointer() + "/id", "'" + step.id() + "' cannot be a step id: onError uses it as a keyword");
      }
      Step earlier = seen.putIfAbsent(step.id(), step);
      if (earlier != null) {
        problems.at(step.pointer() + "/id", "step id '" + step.id() + "' is already used by step "
            + (earlier.index() + 1));
      }
    }
    for (Step step : workflow.steps()) {
      if (step.onError().kind() == OnError.Kind.HANDLER) {
        handler(workflow, step, problems);
      }
    }
  }

  private static void handler(Workflow workflow, Step step, Problems problems) {
    String target = step.onError().handler();
    String pointer = step.pointer() + "/onError";
    Step handler = workflow.step(target).orElse(null);
    if (handler == null) {
      problems.at(pointer, "onError: no step '" + target + "' (onError is fail, continue, or the id of a later step)"
          + Suggestions.hint(target, workflow.steps().stream().map(Step::id).filter(id -> id != null).toList()));
    } else if (handler.index() <= step.index()) {
      problems.at(pointer, "onError: '" + target + "' must come after this step: the run goes on after the handler");
    }
  }
}
