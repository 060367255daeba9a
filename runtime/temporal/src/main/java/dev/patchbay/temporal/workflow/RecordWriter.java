package dev.patchbay.temporal.workflow;

import dev.patchbay.engine.json.Json;
import dev.patchbay.temporal.records.RecordActivities;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Keeps a run's record written while the run goes, as the local engine's journal does: a workflow thread of its
 * own sends what changed ({@link RunState#takeChange()}) through a local activity, one write at a time; changes made
 * while a write is under way go out together in the next. A write is tried again, 1 s to 10 s apart, for up to 10
 * minutes: a store out of reach for a while (a database restarting or failing over, a network cut) delays the record,
 * and the run's end waits for its last write, so the record ends complete. A write that still fails is not the run's
 * failure: the next change sends the whole record again.
 */
final class RecordWriter {

  private static final LocalActivityOptions OPTIONS = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(10))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(10)).build())
      .build();

  private final RunState state;
  private final RecordActivities records = Workflow.newLocalActivityStub(RecordActivities.class, OPTIONS);
  private boolean finished;
  private boolean resend;
  private Promise<Void> writing;

  RecordWriter(RunState state) {
    this.state = state;
  }

  void start() {
    writing = Async.procedure(this::writeChanges);
  }

  /** Writes what is left and returns when the last write is done (or failed). */
  void finish() {
    finished = true;
    writing.get();
  }

  /**
   * Once the run was cancelled: ends the writes of the cancelled scope and writes the whole record (CANCELLED) in a
   * scope of its own, which the cancellation does not reach.
   */
  void finishCancelled() {
    finished = true;
    Workflow.newDetachedCancellationScope(() -> {
      try {
        writing.get();
      } catch (CanceledFailure | ActivityFailure stopped) {
        // A write cut short by the cancellation: the whole record follows.
      }
      state.allChanged();
      try {
        records.record(Json.MAPPER.writeValueAsString(state.takeChange()));
      } catch (ActivityFailure lost) {
        Workflow.getLogger(RecordWriter.class).warn("the cancelled run's record could not be written: {}",
            lost.getCause() == null ? lost.getMessage() : lost.getCause().getMessage());
      }
    }).run();
  }

  private void writeChanges() {
    while (true) {
      Workflow.await(() -> finished || state.hasChanges());
      if (resend) {
        state.allChanged();
        resend = false;
      }
      if (!state.hasChanges()) {
        return;
      }
      boolean last = finished;
      try {
        records.record(Json.MAPPER.writeValueAsString(state.takeChange()));
      } catch (CanceledFailure cancelled) {
        return;
      } catch (ActivityFailure lost) {
        Workflow.getLogger(RecordWriter.class).warn("the run record could not be written: {}",
            lost.getCause() == null ? lost.getMessage() : lost.getCause().getMessage());
        if (last) {
          return;
        }
        resend = true;
      }
    }
  }
}
