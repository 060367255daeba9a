package dev.patchbay.engine.activities;

import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.json.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The operation an auth handler's identity lookup runs as: read-only, safe to retry, no scope pre-flight (the
 * provider grants what identity needs with any sign-in), in the connector's lightest rate-limit category.
 */
final class IdentifyOperation {

  private static final JsonNode ANY_OBJECT = Json.MAPPER.readTree("{\"type\":\"object\"}");

  private IdentifyOperation() {}

  static OperationDefinition of(ConnectorDefinition definition) {
    String category = definition.rateLimitCategories().entrySet().stream()
        .max(java.util.Comparator.comparingDouble(e -> RateLimit.of(e.getValue()).ratePerSecond()))
        .map(java.util.Map.Entry::getKey).orElseThrow();
    return new OperationDefinition("auth.identify", "Identify the connection",
        "Who the connection acts as, asked right after connecting and by 'connections test'.", "Auth", List.of(),
        ANY_OBJECT, ANY_OBJECT, true, category, false, null, List.of(), null, List.of());
  }
}
