package dev.patchbay.temporal.records;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.runs.DrivenChange;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import io.temporal.failure.ApplicationFailure;

/**
 * Records Temporal runs in the runtime's run records (the home's runs folder or the shared store), beside local runs,
 * as runs driven elsewhere: no process here holds them, so they read with the status Temporal's workflow wrote, and
 * no local {@code run --resume} takes them over. The one place the Temporal module touches the run records.
 */
public final class StoreRecordActivities implements RecordActivities {

  private final RunRecords records;

  /** @param records the runtime's run records ({@code workflows().records()}) */
  public StoreRecordActivities(RunRecords records) {
    this.records = records;
  }

  /**
   * Saves the change unless the record holds it or a later one already, or has ended: the store decides that
   * atomically against every worker, so a write that arrives late from a worker that lost the run (its workflow task
   * moved on while the store was out of reach) undoes nothing.
   */
  @Override
  public void record(String change) {
    RecordChange parsed = Json.MAPPER.readValue(change, RecordChange.class);
    try {
      records.saveDrivenElsewhere(new DrivenChange(parsed.run().id(), parsed.sequence(), parsed::applyTo));
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
}
