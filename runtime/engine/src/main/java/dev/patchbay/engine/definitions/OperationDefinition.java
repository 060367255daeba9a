package dev.patchbay.engine.definitions;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One operation of a connector.
 *
 * @param requiredScopes alternative scope sets: a connection needs every scope of at least one of them
 * @param pagination how to follow pages, present exactly when {@code paginated}
 * @param doneWhenRetried provider error codes that, answering a retry after an earlier attempt's answer was lost,
 *     mean that attempt did what was asked
 * @param http the request the runtime sends itself, or null when the plugin's code runs the operation
 * @param examples answers of the mock sandbox, each valid against {@code output}
 */
public record OperationDefinition(
    String id,
    String displayName,
    String description,
    String category,
    List<List<String>> requiredScopes,
    JsonNode input,
    JsonNode output,
    boolean idempotent,
    String rateLimitCategory,
    boolean paginated,
    PaginationDefinition pagination,
    List<String> doneWhenRetried,
    HttpOperation http,
    List<Example> examples) {

  /** An answer the connector's mock sandbox gives. */
  public record Example(String description, JsonNode output) {}

  public OperationDefinition {
    requiredScopes = requiredScopes.stream().map(List::copyOf).toList();
    doneWhenRetried = doneWhenRetried == null ? List.of() : List.copyOf(doneWhenRetried);
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** Whether the runtime runs it from its {@code http} block, with no code. */
  public boolean declarative() {
    return http != null;
  }

  /** The same operation with other input and output schemas (shared {@code $defs} resolved into them). */
  OperationDefinition withSchemas(JsonNode newInput, JsonNode newOutput) {
    return new OperationDefinition(id, displayName, description, category, requiredScopes, newInput, newOutput,
        idempotent, rateLimitCategory, paginated, pagination, doneWhenRetried, http, examples);
  }

  public Optional<PaginationDefinition> paginationSpec() {
    return Optional.ofNullable(pagination);
  }
}
