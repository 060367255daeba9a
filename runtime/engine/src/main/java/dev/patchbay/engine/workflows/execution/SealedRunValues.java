package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a resumed run needs that its record redacts: the run's inputs, and the outputs and elements of the steps
 * that succeeded, as they were, sealed with the master key as connections are and kept by the run records ({@code
 * RUN_ID.sealed} next to a file record), and the outputs of a run that succeeded, for its caller. The record shows
 * them redacted; the store holding these never sees them in clear.
 *
 * <p>Content: {@code {"inputs": {...}, "steps": {"ID": {"output": ..., "items": {"0": {"item": ..., "output":
 * ...}}}}, "outputs": {...}}}, the workflow's outputs once the run succeeded (for its caller: {@link
 * dev.patchbay.engine.workflows.Workflows#runForCaller}).
 */
public final class SealedRunValues {

  private final SealedFiles sealing;
  private final RunRecords records;

  public SealedRunValues(SealedFiles sealing, RunRecords records) {
    this.sealing = sealing;
    this.records = records;
  }

  void write(String runId, JsonNode values) {
    records.saveSealed(runId, sealing.seal(name(runId), Json.MAPPER.writeValueAsBytes(values)));
  }

  /**
   * The run's values, or empty when it kept none (a run from before they were kept).
   *
   * @throws StoreException they exist but cannot be opened (another master key, a damaged envelope)
   */
  public Optional<JsonNode> read(String runId) throws StoreException {
    Optional<byte[]> envelope = records.findSealed(runId);
    if (envelope.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Json.MAPPER.readTree(sealing.open("the sealed values of " + records.location(runId),
        envelope.get(), name(runId))));
  }

  private static String name(String runId) {
    return "run:" + runId;
  }
}
