package dev.patchbay.engine.workflows.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One element of a {@code forEach} step, as recorded (secrets redacted).
 *
 * @param item the element the step ran for
 * @param input the resolved input it ran with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemRecord(
    int index,
    JsonNode item,
    StepStatus status,
    int attempts,
    Instant startedAt,
    Instant endedAt,
    JsonNode input,
    JsonNode output,
    ErrorRecord error) {}
