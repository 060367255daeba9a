package dev.patchbay.engine.activities;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A finished activity.
 *
 * @param output the plugin's output, valid against the operation's output schema
 * @param attempts requests sent to the provider, retries included
 * @param duration from the start of the run to its end, on the runner's clock
 */
public record ActivityResult(JsonNode output, int attempts, Duration duration) {}
