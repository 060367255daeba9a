package dev.patchbay.engine.workflows;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow was not run (or resumed) because of these problems; nothing was executed. */
public final class WorkflowProblems extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<WorkflowProblem> problems;

  public WorkflowProblems(List<WorkflowProblem> problems) {
    super(problems.stream().map(WorkflowProblem::toString).collect(Collectors.joining(System.lineSeparator())));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<WorkflowProblem> problems() {
    return problems;
  }
}
