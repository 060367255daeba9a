package dev.patchbay.engine.workflows;

import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepRecord;

/**
 * Follows a run as it goes, for a live display. Every method has a do-nothing default. {@link #progress} and
 * {@link #itemFinished} are called from worker threads when a {@code forEach} step runs elements in parallel, so
 * implementations must be thread-safe. Records passed in are redacted like the run record.
 */
public interface RunListener {

  /** Listens to nothing. */
  RunListener NONE = new RunListener() {};

  /** The run (or resumed run) starts; {@code stepCount} steps are in the workflow. */
  default void runStarted(String runId, int stepCount, boolean resumed) {}

  /**
   * A step is about to invoke its activity. Not called for a step that is skipped, or that fails before its
   * activity is invoked (an expression that cannot be resolved); {@link #stepFinished} is called for every step.
   *
   * @param number 1-based position of the step in the workflow
   * @param itemCount the number of {@code forEach} elements, or -1 for a plain step
   */
  default void stepStarted(int number, String stepId, int itemCount) {}

  /**
   * Progress an activity reported (bytes downloaded, pages listed).
   *
   * @param itemIndex the {@code forEach} element, or -1 for a plain step
   * @param total -1 when unknown
   */
  default void progress(String stepId, int itemIndex, long done, long total, String what) {}

  /** One element of a {@code forEach} step finished; {@code finished} of {@code itemCount} are done so far. */
  default void itemFinished(String stepId, ItemRecord item, int finished, int itemCount) {}

  /**
   * A step finished (succeeded, failed, was skipped).
   *
   * @param reused the step had succeeded before a resume, and its recorded output was used without running it
   */
  default void stepFinished(StepRecord step, boolean reused) {}

  default void runFinished(RunRecord run) {}
}
