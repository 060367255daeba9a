package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.DrivenChange;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import dev.patchbay.temporal.workflow.RunRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run cancelled after it ended, while its record writes wait for the store: the last write is not given up with
 * the cancelled scope, so the record ends with the run's final status, never RUNNING.
 */
class CancelDuringLastRecordWriteTest {

  private static final String QUEUE = "patchbay-cancel-test";
  private static SandboxRuntime sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = SandboxRuntime.start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void theRunsFinalStatusIsRecordedThoughACancelArrivedDuringItsLastWrite() throws Exception {
    EndingWritesOut store = new EndingWritesOut(sandbox.workflows().records());
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      TemporalWorker.register(temporal.newWorker(QUEUE), sandbox.activities(), store);
      temporal.start();
      TemporalRuns runs = new TemporalRuns(temporal.getWorkflowClient(),
          TemporalSettings.of("in-process").withTaskQueue(QUEUE));
      RunRequest request = runs.prepare(sandbox.runtime, Path.of("src/test/resources/workflows/retried-read.yaml"),
          Map.of(), Map.of("zoom", sandbox.connection()), TemporalRuns.newRunId());
      assertTrue(runs.start(request, request.runId()));
      assertTrue(store.writeRefused.await(30, TimeUnit.SECONDS), "the run's first write was tried");
      // The run ends while its writes wait for the store, on a workflow timer, where a cancellation reaches them.
      await("the run's end", () -> runs.record(request.runId()).filter(run -> run.status() == RunStatus.SUCCEEDED)
          .isPresent());
      await("a record write waiting on a timer", () -> temporal.getWorkflowClient().fetchHistory(request.runId())
          .getEvents().stream().anyMatch(HistoryEvent::hasTimerStartedEventAttributes));

      temporal.getWorkflowClient().newUntypedWorkflowStub(request.runId()).cancel();
      store.out = false;
      RunRecord followed = runs.follow(request.runId(), RunListener.NONE, notice -> { }, Duration.ofMillis(50));

      assertEquals(RunStatus.SUCCEEDED, followed.status(), "the run had ended when the cancel came");
      assertEquals(RunStatus.SUCCEEDED, sandbox.workflows().run(request.runId()).status());
    }
  }

  /** Polls {@code done} for at most 60 s. */
  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not seen within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** The runtime's records, with the store out of reach for every record write until told. */
  private static final class EndingWritesOut implements RunRecords {
    private final RunRecords store;
    final CountDownLatch writeRefused = new CountDownLatch(1);
    volatile boolean out = true;

    EndingWritesOut(RunRecords store) {
      this.store = store;
    }

    @Override
    public boolean saveDrivenElsewhere(DrivenChange change) {
        if (out) {
        writeRefused.countDown();
        throw new RunRecordsException("cannot save the record of run " + change.runId() + ": the store at "
            + location() + " does not answer", true, null);
      }
      return store.saveDrivenElsewhere(change);
    }

    @Override
    public String location() {
      return store.location();
    }

    @Override
    public String location(String runId) {
      return store.location(runId);
    }

    @Override
    public Held claim(Clock clock) {
      return store.claim(clock);
    }

    @Override
    public Optional<Held> hold(String runId) {
      return store.hold(runId);
    }

    @Override
    public void save(RunRecord record) {
      store.save(record);
    }

    @Override
    public void saveSealed(String runId, byte[] envelope) {
      store.saveSealed(runId, envelope);
    }

    @Override
    public Optional<RunRecord> find(String runId) {
      return store.find(runId);
    }

    @Override
    public Optional<byte[]> findSealed(String runId) {
      return store.findSealed(runId);
    }

    @Override
    public Listing list(int offset, int limit) {
      return store.list(offset, limit);
    }
  }
}
