package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.definition.SourceDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems, locating each by its pointer in the file; the same problem at the same place counts once. */
final class Problems {

  private final Path file;
  private final SourceDocument source;
  private final Set<WorkflowProblem> problems = new LinkedHashSet<>();

  Problems(Path file, SourceDocument source) {
    this.file = file;
    this.source = source;
  }

  /** A problem with the value at {@code pointer} in the file. */
  void at(String pointer, String message) {
    problems.add(new WorkflowProblem(file, source == null ? 0 : source.line(pointer), pointer, message));
  }

  /** A problem with something given for the run rather than written in the file. */
  void given(String message) {
    problems.add(new WorkflowProblem(file, 0, "", message));
  }

  void atLine(int line, String message) {
    problems.add(new WorkflowProblem(file, line, "", message));
  }

  /** Whether a problem was reported at {@code pointer} or inside it. */
  boolean has(String pointer) {
    return problems.stream().anyMatch(problem -> problem.pointer().equals(pointer)
        || problem.pointer().startsWith(pointer + "/"));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** In file order; problems outside the file first. */
  List<WorkflowProblem> list() {
    List<WorkflowProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(WorkflowProblem::line));
    return List.copyOf(sorted);
  }
}
