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
    List<String> doneWhenRetried) {

  public OperationDefinition {
    requiredScopes = requiredScopes.stream().map(List::copyOf).toList();
    doneWhenRetried = doneWhenRetried == null ? List.of() : List.copyOf(doneWhenRetried);
  }

  public Optional<PaginationDefinition> paginationSpec() {
    return Optional.ofNullable(pagination);
  }
}
