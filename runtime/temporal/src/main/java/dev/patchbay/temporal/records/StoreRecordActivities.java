package dev.patchbay.temporal.records;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records Temporal runs in the runtime's run records (the home's runs folder or the shared store), beside local runs,
 * as runs driven elsewhere: no process here holds them, so they read with the status Temporal's workflow wrote, and
 * no local {@code run --resume} takes them over. The one place the Temporal module touches the run records.
 */
public final class StoreRecordActivities implements RecordActivities {

  private final RunRecords records;
  /** The runs this process writes, until they end. */
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /** @param records the runtime's run records ({@code workflows().records()}) */
  public StoreRecordActivities(RunRecords records) {
    this.records = records;
  }

  @Override
  public void record(String change) {
    RecordChange parsed = Json.MAPPER.readValue(change, RecordChange.class);
    String runId = parsed.run().id();
    Written written = this.written.computeIfAbsent(runId, id -> new Written());
    try {
      // One write at a time per run, in the order of its changes.
      synchronized (written) {
        if (parsed.sequence() <= written.sequence) {
          return;
        }
        Optional<RunRecord> stored = records.find(runId);
        if (stored.isPresent() && stored.get().status() != RunStatus.RUNNING
            && parsed.run().status() == RunStatus.RUNNING) {
          // The run ended, written by another worker, and this is an older change arriving late.
          return;
        }
        records.saveDrivenElsewhere(parsed.applyTo(stored));
        written.sequence = parsed.sequence();
        if (parsed.run().status() != RunStatus.RUNNING) {
          this.written.remove(runId, written);
        }
      }
    } catch (RunRecordsException e) {
      if (e.storeUnavailable()) {
        throw e;
      }
      // Writing again cannot mend a record that does not read: the next change sends the whole record instead.
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "UNREADABLE_RECORD");
    } catch (IllegalStateException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "UNREADABLE_RECORD");
    }
  }

  /** The last change of a run written by this process. */
  private static final class Written {
    int sequence;
  }
}
