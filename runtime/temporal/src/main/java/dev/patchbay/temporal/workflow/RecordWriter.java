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
 * failure: the next change sends the whole record again. Each change is numbered ({@link RunState#takeChange()}) and
 * the store saves it only over older ones, so a write cut short that still lands later undoes nothing.
 */
final class RecordWriter {

  private static final LocalActivityOptions OPTIONS = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(10))
      // A retry waiting longer than 5 s waits on a workflow timer, not inside a workflow task held open: through a long
      // outage of the store, step results and a cancellation are still taken in.
      .setLocalRetryThreshold(Duration.ofSeconds(5))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(10)).build())
      .build();

  private final RunState state;
  private final RecordActivities records = Workflow.newLocalActivityStub(RecordActivities.class, OPTIONS);
  private boolean finished;
  private boolean resend;
  /** Completes true once every change went out, false when a cancellation cut the writes short. */
  private Promise<Boolean> writing;

  RecordWriter(RunState state) {
    this.state = state;
  }

  void start() {
    writing = Async.function(this::writeChanges);
  }

  /**
   * Writes what is left, the run's end included, and returns when the last write is done (or failed). A cancellation
   * (before the run ended, which ended it CANCELLED, or during this last write) does not stop it: when it cut the
   * writes short, the whole record is written again in a scope of its own, which the cancellation does not reach, so
   * the record ends with the run's final status and never stays RUNNING.
   */
  void finish() {
    finished = true;
    Workflow.newDetachedCancellationScope(() -> {
      boolean whole;
      try {
        whole = writing.get();
      } catch (CanceledFailure | ActivityFailure stopped) {
        whole = false;
      }
      if (whole) {
        return;
      }
      state.allChanged();
      try {
        records.record(Json.MAPPER.writeValueAsString(state.takeChange()));
      } catch (ActivityFailure lost) {
        Workflow.getLogger(RecordWriter.class).warn("the run's last record could not be written: {}",
            lost.getCause() == null ? lost.getMessage() : lost.getCause().getMessage());
      }
    }).run();
  }

  /** @return false when a cancellation cut the writes short (the change under way may not have landed) */
  private boolean writeChanges() {
    try {
      while (true) {
        Workflow.await(() -> finished || state.hasChanges());
        if (resend) {
          state.allChanged();
          resend = false;
        }
        if (!state.hasChanges()) {
          return true;
        }
        boolean last = finished;
        try {
          records.record(Json.MAPPER.writeValueAsString(state.takeChange()));
        } catch (ActivityFailure lost) {
          Workflow.getLogger(RecordWriter.class).warn("the run record could not be written: {}",
              lost.getCause() == null ? lost.getMessage() : lost.getCause().getMessage());
          if (last) {
            return true;
          }
          resend = true;
        }
      }
    } catch (CanceledFailure cancelled) {
      return false;
    }
  }
}
