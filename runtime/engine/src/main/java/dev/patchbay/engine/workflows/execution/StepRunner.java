package dev.patchbay.engine.workflows.execution;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.workflows.RunInterruptedException;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.StepInvocation;
import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.definition.OnError;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.expressions.ExpressionException;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.expressions.Scope;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Runs one step: evaluates its {@code when}, resolves its input, and invokes its activity, once or per
 * {@code forEach} element (up to {@code parallelism} at a time). Records every change in the journal; what a
 * failure does to the run is the {@link RunLoop}'s to decide.
 *
 * <p>A {@code when} that reads {@code item} or {@code itemIndex} is evaluated per element (false skips that
 * element); any other {@code when} is evaluated once, before {@code forEach} (false skips the step). After an
 * element fails, no further elements start unless the step's {@code onError} is {@code continue}; elements already
 * running finish.
 */
final class StepRunner {

  private final CheckedWorkflow workflow;
  private final RunJournal journal;
  private final StepValues values;
  private final Attempts attempts;
  private final RunListener listener;
  private final Map<String, String> variables;

  StepRunner(CheckedWorkflow workflow, RunJournal journal, Expressions expressions, Attempts attempts,
      RunListener listener, Map<String, String> variables) {
    this.workflow = workflow;
    this.journal = journal;
    this.values = new StepValues(expressions);
    this.attempts = attempts;
    this.listener = listener;
    this.variables = variables;
  }

  StepOutcome run(int index) {
    Step step = workflow.workflow().steps().get(index);
    journal.stepStarted(index);
    Scope scope = Scope.of(workflow.inputs(), journal.stepsBefore(index), variables);
    try {
      if (values.conditionPerStep(step) && !values.condition(step.when(), scope)) {
        journal.stepSkipped(index, "when was false");
        return StepOutcome.DONE;
      }
    } catch (ExpressionException e) {
      return invalid("when: " + e.getMessage());
    }
    return step.isForEach() ? forEach(index, step, scope) : plain(index, step, scope);
  }

  private StepOutcome plain(int index, Step step, Scope scope) {
    JsonNode input;
    try {
      input = values.input(step, scope);
    } catch (ExpressionException e) {
      return invalid(StepValues.inputFailure(e));
    }
    journal.stepInput(index, input);
    listener.stepStarted(index + 1, step.id(), -1);
    try {
      JsonNode output = attempts.invoke(attempt -> invocation(step, OptionalInt.empty(), input, attempt),
          step.retryPolicy(), () -> journal.stepAttempt(index), journal.id());
      journal.stepSucceeded(index, output);
      return StepOutcome.DONE;
    } catch (ConnectorException e) {
      return StepOutcome.failed(journal.error(e));
    }
  }

  private StepOutcome forEach(int index, Step step, Scope scope) {
    List<JsonNode> items;
    try {
      items = values.elements(step, scope);
    } catch (ExpressionException e) {
      return invalid("forEach: " + e.getMessage());
    }
    List<Integer> toRun = journal.itemsPlanned(index, items);
    listener.stepStarted(index + 1, step.id(), items.size());
    ItemRun run = new ItemRun(index, step, scope, items, toRun);
    run.all();
    List<ItemRecord> failed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ItemRecord item = journal.itemRecord(index, i);
      if (item.status() == StepStatus.FAILED) {
        failed.add(item);
      }
    }
    if (failed.isEmpty()) {
      journal.forEachSucceeded(index);
      return StepOutcome.DONE;
    }
    ItemRecord first = failed.get(0);
    return StepOutcome.failed(journal.error(first.error(),
        StepValues.elementsFailed(first.index(), first.error().message(), failed.size())));
  }

  /** The elements of one forEach step, run by one or more workers. */
  private final class ItemRun {
    private final int index;
    private final Step step;
    private final Scope scope;
    private final List<JsonNode> items;
    private final List<Integer> toRun;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished;
    private final AtomicBoolean stop = new AtomicBoolean();

    ItemRun(int index, Step step, Scope scope, List<JsonNode> items, List<Integer> toRun) {
      this.index = index;
      this.step = step;
      this.scope = scope;
      this.items = items;
      this.toRun = toRun;
      this.finished = new AtomicInteger(items.size() - toRun.size());
    }

    void all() {
      int threads = Math.min(step.parallelism(), toRun.size());
      if (threads <= 1) {
        work();
        return;
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "patchbay-" + journal.id() + "-" + step.id());
        thread.setDaemon(true);
        return thread;
      });
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          workers.add(pool.submit(this::work));
        }
        Throwable crash = null;
        for (Future<?> worker : workers) {
          try {
            worker.get();
          } catch (ExecutionException e) {
            crash = crash == null ? e.getCause() : crash;
          }
        }
        rethrow(crash);
      } catch (InterruptedException e) {
        stop.set(true);
        Thread.currentThread().interrupt();
        throw new RunInterruptedException(journal.id());
      } finally {
        pool.shutdownNow();
      }
    }

    private void work() {
      try {
        int next;
        while (!stop.get() && (next = this.next.getAndIncrement()) < toRun.size()) {
          boolean succeeded = item(toRun.get(next));
          if (!succeeded && step.onError().kind() != OnError.Kind.CONTINUE) {
            stop.set(true);
          }
        }
      } catch (RuntimeException | Error e) {
        // A crash of one worker stops the others from starting elements; the record keeps what was running.
        stop.set(true);
        throw e;
      }
    }

    /** Runs one element; false when it failed. */
    private boolean item(int item) {
      journal.itemStarted(index, item);
      Scope itemScope = scope.withItem(items.get(item), item);
      try {
        if (values.readsItem(step.when()) && !values.condition(step.when(), itemScope)) {
          journal.itemSkipped(index, item);
          return finished(item, true);
        }
      } catch (ExpressionException e) {
        journal.itemFailed(index, item, journal.error(ErrorCode.INVALID_INPUT, "when: " + e.getMessage()));
        return finished(item, false);
      }
      JsonNode input;
      try {
        input = values.input(step, itemScope);
      } catch (ExpressionException e) {
        journal.itemFailed(index, item, journal.error(ErrorCode.INVALID_INPUT, StepValues.inputFailure(e)));
        return finished(item, false);
      }
      journal.itemInput(index, item, input);
      try {
        JsonNode output = attempts.invoke(attempt -> invocation(step, OptionalInt.of(item), input, attempt),
            step.retryPolicy(), () -> journal.itemAttempt(index, item), journal.id());
        journal.itemSucceeded(index, item, output);
        return finished(item, true);
      } catch (ConnectorException e) {
        journal.itemFailed(index, item, journal.error(e));
        return finished(item, false);
      }
    }

    private boolean finished(int item, boolean succeeded) {
      listener.itemFinished(step.id(), journal.itemRecord(index, item), finished.incrementAndGet(), items.size());
      return succeeded;
    }
  }

  private StepInvocation invocation(Step step, OptionalInt item, JsonNode input, int attempt) {
    Progress progress = (done, total, what) -> listener.progress(step.id(), item.orElse(-1), done, total, what);
    return new StepInvocation(journal.id(), step.id(), item, step.connectorId(), step.operationId(),
        workflow.connections().get(step.id()), input, attempt, step.retryPolicy(), progress);
  }

  private StepOutcome invalid(String message) {
    return StepOutcome.failed(journal.error(ErrorCode.INVALID_INPUT, message));
  }

  private static void rethrow(Throwable crash) {
    if (crash instanceof Error error) {
      throw error;
    }
    if (crash instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (crash != null) {
      throw new IllegalStateException(crash);
    }
  }
}
