package dev.patchbay.engine.workflows;

import java.nio.file.Path;

/**
 * One reason a workflow cannot run, found before anything ran.
 *
 * @param file the workflow file
 * @param line 1-based line in the file, or 0 when the problem is not in the file (an input or connection given for
 *     the run, an environment variable)
 * @param pointer JSON pointer to the value in the file ("" for the whole file)
 * @param message what is wrong, in words a user can act on
 */
public record WorkflowProblem(Path file, int line, String pointer, String message) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + (pointer.isEmpty() ? "" : pointer + ": ") + message;
  }
}
