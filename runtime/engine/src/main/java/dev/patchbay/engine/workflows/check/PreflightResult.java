package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.WorkflowProblem;
import java.util.List;
import java.util.Optional;

/**
 * What the check before a run found: the problems, or, when there are none, the workflow ready to run.
 *
 * @param workflow null when there are problems
 */
public record PreflightResult(List<WorkflowProblem> problems, CheckedWorkflow workflow) {

  public PreflightResult {
    problems = List.copyOf(problems);
  }

  public Optional<CheckedWorkflow> checked() {
    return Optional.ofNullable(workflow);
  }
}
