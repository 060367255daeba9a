package dev.patchbay.temporal.records;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.execution.RunStore;
import java.nio.file.Path;

/**
 * Records Temporal runs in the engine's run store, beside local runs. The one place the Temporal module touches
 * the store: a store of another kind changes only this class.
 */
public final class StoreRecordActivities implements RecordActivities {

  private final RunStore store;

  /** @param runsFolder the runtime's runs folder ({@code workflows().runsFolder()}) */
  public StoreRecordActivities(Path runsFolder) {
    this.store = new RunStore(runsFolder);
  }

  @Override
  public void record(String change) {
    RecordChange parsed = Json.MAPPER.readValue(change, RecordChange.class);
    // One write at a time per run: the workflow waits for each before it sends the next.
    store.write(parsed.applyTo(store.read(parsed.run().id())));
  }
}
