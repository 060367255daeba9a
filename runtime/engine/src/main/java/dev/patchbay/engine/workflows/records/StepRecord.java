package dev.patchbay.engine.workflows.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One step of a run, as recorded (secrets redacted).
 *
 * @param activity {@code connector/operation}
 * @param connection the connection it ran with, once resolved
 * @param attempts invocations made; for a {@code forEach} step, its elements' together (so it is never 0 for a
 *     step whose elements ran)
 * @param input the resolved input of a plain step; null for a {@code forEach} step, whose elements carry theirs
 * @param output the activity's output; for a {@code forEach} step the array of element outputs in element order
 *     (null where an element did not succeed)
 * @param note why it was skipped, or where its error sent the run
 * @param items the elements of a {@code forEach} step, in order; null for a plain step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRecord(
    String id,
    String activity,
    String connection,
    StepStatus status,
    int attempts,
    Instant startedAt,
    Instant endedAt,
    JsonNode input,
    JsonNode output,
    ErrorRecord error,
    String note,
    List<ItemRecord> items) {

  public StepRecord {
    if (items != null) {
      attempts = items.stream().mapToInt(ItemRecord::attempts).sum();
    }
  }
}
