package dev.patchbay.temporal.records;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes a Temporal run's record where {@code patchbay runs list/show} and {@code GET /api/runs} read local runs'
 * records. The workflow calls it as a local activity (the worker running the workflow task writes), so the write
 * happens outside workflow code and a replay reads its marker instead of writing again.
 */
@ActivityInterface
public interface RecordActivities {

  /** The Temporal activity type name. */
  String TYPE = "PatchbayRecord";

  /** @param change the change as JSON ({@link RecordChange}; Patchbay's JSON values are not Temporal's) */
  @ActivityMethod(name = TYPE)
  void record(String change);
}
