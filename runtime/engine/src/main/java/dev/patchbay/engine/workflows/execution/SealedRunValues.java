package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a resumed run needs that its record redacts: the run's inputs, and the outputs and elements of the steps
 * that succeeded, as they were, in {@code RUN_ID.sealed} next to the record, sealed with the master key as
 * connections are. The record shows; this file only feeds a resume.
 *
 * <p>Content: {@code {"inputs": {...}, "steps": {"ID": {"output": ..., "items": {"0": {"item": ..., "output":
 * ...}}}}}}.
 */
public final class SealedRunValues {

  private final SealedFiles files;
  private final Path folder;

  /** @param folder the runs folder */
  public SealedRunValues(SealedFiles files, Path folder) {
    this.files = files;
    this.folder = folder.toAbsolutePath();
  }

  void write(String runId, JsonNode values) {
    try {
      files.write(file(runId), name(runId), Json.MAPPER.writeValueAsBytes(values));
    } catch (StoreException e) {
      throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
    }
  }

  /**
   * The run's values, or empty when it kept none (a run from before they were kept).
   *
   * @throws StoreException they exist but cannot be opened (another master key, a damaged file)
   */
  public Optional<JsonNode> read(String runId) throws StoreException {
    Path file = file(runId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Json.MAPPER.readTree(files.read(file, name(runId))));
  }

  private Path file(String runId) {
    return folder.resolve(runId + ".sealed");
  }

  private static String name(String runId) {
    return "run:" + runId;
  }
}
