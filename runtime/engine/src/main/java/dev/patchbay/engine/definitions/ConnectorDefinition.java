package dev.patchbay.engine.definitions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A validated connector definition. Only {@link DefinitionReader} makes one, after the meta-schema and the load
 * rules passed.
 *
 * @param webhooks the events the connector receives by webhook, or null when it receives none
 * @param errorFormat where the provider's error code and message are; {@link ErrorFormat#NONE} when undeclared
 * @param rateLimitHeaders the headers that report the provider's own counters, or null for none
 * @param http what every request carries (default headers), or null
 * @param sharedSchemas the {@code $defs} the operations' schemas refer to
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
    ErrorFormat errorFormat,
    RateLimitHeaders rateLimitHeaders,
    Defaults http,
    @JsonProperty("$defs") Map<String, JsonNode> sharedSchemas,
    @JsonIgnore JsonNode document) {

  /** What every request carries. */
  public record Defaults(Map<String, String> headers) {
    public Defaults {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  public ConnectorDefinition {
    authTypes = List.copyOf(authTypes);
    scopes = List.copyOf(scopes);
    rateLimitCategories = Map.copyOf(rateLimitCategories);
    operations = List.copyOf(operations);
    errors = List.copyOf(errors);
    errorFormat = errorFormat == null ? ErrorFormat.NONE : errorFormat;
    rateLimitHeaders = rateLimitHeaders == null ? RateLimitHeaders.NONE : rateLimitHeaders;
    http = http == null ? new Defaults(Map.of()) : http;
    sharedSchemas = sharedSchemas == null ? Map.of() : Map.copyOf(sharedSchemas);
  }

  /** The same definition, with the document it was bound from and these operations. */
  ConnectorDefinition with(JsonNode source, List<OperationDefinition> resolvedOperations) {
    return new ConnectorDefinition(
        id, name, version, description, baseUrl, authTypes, scopes, rateLimitCategories, resolvedOperations, errors,
        webhooks, errorFormat, rateLimitHeaders, http, sharedSchemas, source);
  }

  public Optional<OperationDefinition> operation(String operationId) {
    // A loop, not a stream: every activity looks its operation up.
    for (OperationDefinition operation : operations) {
      if (operation.id().equals(operationId)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  /**
   * The first entry of the error table that matches a provider error: same provider code, same HTTP status when the
   * entry names one, and a message containing a match of the entry's pattern when it has one.
   */
  public Optional<ErrorMapping> errorFor(String providerCode, int httpStatus, String providerMessage) {
    return errors.stream().filter(mapping -> mapping.matches(providerCode, httpStatus, providerMessage)).findFirst();
  }

  public Optional<AuthTypeDefinition> authType(String authTypeId) {
    for (AuthTypeDefinition authType : authTypes) {
      if (authType.id().equals(authTypeId)) {
        return Optional.of(authType);
      }
    }
    return Optional.empty();
  }
}
