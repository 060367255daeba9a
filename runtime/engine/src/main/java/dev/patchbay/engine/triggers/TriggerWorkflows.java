package dev.patchbay.engine.triggers;

import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.Workflows;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The workflows that run on events: every workflow file ({@code .yaml}, {@code .yml}, {@code .json}) in a folder,
 * each checked when it is registered, so a mistake stops the server's start instead of an event's run hours later.
 */
public final class TriggerWorkflows {

  private final List<TriggerWorkflow> workflows;

  private TriggerWorkflows(List<TriggerWorkflow> workflows) {
    this.workflows = List.copyOf(workflows);
  }

  /** No workflow runs on events. */
  public static TriggerWorkflows none() {
    return new TriggerWorkflows(List.of());
  }

  /**
   * Registers every workflow file in the folder (not its subfolders), in name order.
   *
   * @throws WorkflowProblems the problems of every file that would not run on its event, all at once; or the folder
   *     cannot be read
   */
  public static TriggerWorkflows register(Path folder, Workflows checker) throws WorkflowProblems {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(Files::isRegularFile).filter(TriggerWorkflows::isWorkflowFile).sorted().toList();
    } catch (IOException e) {
      throw new WorkflowProblems(List.of(new WorkflowProblem(folder, 0, "", "cannot read the trigger folder: "
          + e.getMessage())));
    }
    List<TriggerWorkflow> registered = new ArrayList<>();
    List<WorkflowProblem> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        Workflow workflow = checker.checkTrigger(file);
        String connectorId = workflow.trigger().connectorId();
        registered.add(new TriggerWorkflow(file, workflow.trigger(), workflow.steps().stream()
            .anyMatch(step -> connectorId.equals(step.connectorId())), workflow.connections().get(connectorId)));
      } catch (WorkflowProblems e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new WorkflowProblems(problems);
    }
    return new TriggerWorkflows(registered);
  }

  private static boolean isWorkflowFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  /** The workflows that run on an event of a connector, in registration order. */
  public List<TriggerWorkflow> on(String connectorId, String event) {
    return workflows.stream().filter(workflow -> workflow.trigger().connectorId().equals(connectorId)
        && workflow.trigger().event().equals(event)).toList();
  }

  public List<TriggerWorkflow> all() {
    return workflows;
  }
}
