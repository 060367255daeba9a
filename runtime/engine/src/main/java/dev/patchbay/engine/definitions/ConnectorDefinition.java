package dev.patchbay.engine.definitions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A validated connector definition. Only {@link DefinitionReader} makes one, after the meta-schema and the load
 * rules passed.
 *
 * @param webhooks the events the connector receives by webhook, or null when it receives none
 * @param document the definition exactly as written, for display and export
 */
@JsonIgnoreProperties({"$schema"})
public record ConnectorDefinition(
    String id,
    String name,
    String version,
    String description,
    String baseUrl,
    List<AuthTypeDefinition> authTypes,
    List<ScopeDefinition> scopes,
    Map<String, RateLimitDefinition> rateLimitCategories,
    List<OperationDefinition> operations,
    List<ErrorMapping> errors,
    WebhookDefinition webhooks,
    @JsonIgnore JsonNode document) {

  public ConnectorDefinition {
    authTypes = List.copyOf(authTypes);
    scopes = List.copyOf(scopes);
    rateLimitCategories = Map.copyOf(rateLimitCategories);
    operations = List.copyOf(operations);
    errors = List.copyOf(errors);
  }

  /** The same definition, with the document it was bound from. */
  ConnectorDefinition withDocument(JsonNode source) {
    return new ConnectorDefinition(
        id, name, version, description, baseUrl, authTypes, scopes, rateLimitCategories, operations, errors, webhooks,
        source);
  }

  public Optional<OperationDefinition> operation(String operationId) {
    return operations.stream().filter(op -> op.id().equals(operationId)).findFirst();
  }

  /**
   * The first entry of the error table that matches a provider error: same provider code, same HTTP status when the
   * entry names one, and a message containing a match of the entry's pattern when it has one.
   */
  public Optional<ErrorMapping> errorFor(String providerCode, int httpStatus, String providerMessage) {
    return errors.stream().filter(mapping -> mapping.matches(providerCode, httpStatus, providerMessage)).findFirst();
  }

  public Optional<AuthTypeDefinition> authType(String authTypeId) {
    return authTypes.stream().filter(type -> type.id().equals(authTypeId)).findFirst();
  }
}
