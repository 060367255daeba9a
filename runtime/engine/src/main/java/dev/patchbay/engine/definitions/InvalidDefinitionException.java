package dev.patchbay.engine.definitions;

import java.util.List;
import java.util.stream.Collectors;

/** A connector definition that breaks the meta-schema or one of the rules checked at load. */
public final class InvalidDefinitionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<DefinitionProblem> problems;

  public InvalidDefinitionException(List<DefinitionProblem> problems) {
    super(problems.stream().map(DefinitionProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<DefinitionProblem> problems() {
    return problems;
  }
}
