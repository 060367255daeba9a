package dev.patchbay.temporal;

import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns successive records of a Temporal run into the {@link RunListener} calls a local run makes, so a run on
 * Temporal is shown like a local one. Each event is told once, however often a record is seen.
 */
final class RunFollower {

  private final RunListener listener;
  private boolean started;
  private boolean finished;
  private final Set<Integer> stepsStarted = new HashSet<>();
  private final Set<Integer> stepsFinished = new HashSet<>();
  private final Map<Integer, Set<Integer>> itemsFinished = new HashMap<>();

  RunFollower(RunListener listener) {
    this.listener = listener;
  }

  void update(RunRecord record) {
    if (!started) {
      started = true;
      listener.runStarted(record.id(), record.steps().size(), false);
    }
    List<StepRecord> steps = record.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepRecord step = steps.get(i);
      // A step whose activity was invoked has its input, or its elements; a skipped one has neither.
      if ((step.input() != null || step.items() != null) && stepsStarted.add(i)) {
        listener.stepStarted(i + 1, step.id(), step.items() == null ? -1 : step.items().size());
      }
      if (step.items() != null) {
        Set<Integer> told = itemsFinished.computeIfAbsent(i, index -> new HashSet<>());
        for (ItemRecord item : step.items()) {
          if (isFinished(item.status()) && told.add(item.index())) {
            listener.itemFinished(step.id(), item, told.size(), step.items().size());
          }
        }
      }
      if (isFinished(step.status()) && stepsFinished.add(i)) {
        listener.stepFinished(step, false);
      }
    }
    if (record.status() != RunStatus.RUNNING && !finished) {
      finished = true;
      listener.runFinished(record);
    }
  }

  private static boolean isFinished(StepStatus status) {
    return status != StepStatus.PENDING && status != StepStatus.RUNNING;
  }
}
