package dev.patchbay.engine.declarative;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.PagedResult;
import dev.patchbay.api.PathSegments;
import dev.patchbay.engine.definitions.HttpOperation;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.PaginationDefinition;
import java.util.Map;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A declarative operation, run by the host from its definition's {@code http} block through the same
 * {@link dev.patchbay.api.ConnectorHttp} a plugin's code gets (credentials, rate limits, retries, error rules,
 * pagination): the request built from the validated input, the output taken from the answer.
 */
final class HttpActivity implements Activity {

  /** Items a paginated operation collects when its input says no {@code maxItems}. */
  static final int DEFAULT_MAX_ITEMS = 1000;

  private final String name;
  private final OperationDefinition operation;
  private final HttpOperation http;

  HttpActivity(String connectorId, OperationDefinition operation) {
    this.name = connectorId + "/" + operation.id();
    this.operation = operation;
    this.http = operation.http();
  }

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    ApiRequest request = request(input);
    if (operation.paginated()) {
      int maxItems = input.path("maxItems").asInt(DEFAULT_MAX_ITEMS);
      PagedResult result = context.http().paginate(request, maxItems);
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      ArrayNode items = output.putArray(http.output().itemsProperty());
      result.items().forEach(items::add);
      output.put("truncated", result.truncated());
      return output;
    }
    ApiResponse response = context.http().send(request);
    if (!http.succeeds(response.status())) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, name + " got HTTP " + response.status()
          + ", which its definition does not list as a success (" + http.success() + "). Retry later; if it "
          + "persists, the provider changed its answers: report it to the connector's author.");
    }
    return output(response);
  }

  /** The request for {@code input}: path segments encoded one by one, parameters without a value left out. */
  ApiRequest request(JsonNode input) throws ConnectorException {
    Matcher matcher = Templates.PLACEHOLDER.matcher(http.path());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      JsonNode value = Templates.value(input, matcher.group(1));
      if (value == null) {
        throw new ConnectorException(ErrorCode.INVALID_INPUT, name + " needs '" + matcher.group(1)
            + "' for its path " + http.path() + ". Give it in the input.");
      }
      matcher.appendReplacement(path, Matcher.quoteReplacement(PathSegments.encode(Templates.asText(value))));
    }
    matcher.appendTail(path);
    ApiRequest.Builder builder = switch (http.method()) {
      case "POST" -> ApiRequest.post(path.toString());
      case "PUT" -> ApiRequest.put(path.toString());
      case "PATCH" -> ApiRequest.patch(path.toString());
      case "DELETE" -> ApiRequest.delete(path.toString());
      default -> ApiRequest.get(path.toString());
    };
    Templates.texts(http.query(), input).forEach(builder::query);
    Templates.texts(http.headers(), input).forEach(builder::header);
    PaginationDefinition pagination = operation.pagination();
    if (pagination != null && !http.query().containsKey(pagination.pageSizeParameter())) {
      int maxItems = input.path("maxItems").asInt(DEFAULT_MAX_ITEMS);
      builder.query(pagination.pageSizeParameter(), Integer.toString(Math.min(maxItems, pagination.maxPageSize())));
    }
    if (http.body() != null) {
      JsonNode json = http.body().get("json");
      if (json != null) {
        JsonNode body = Templates.json(json, input);
        builder.body(body == null ? JsonNodeFactory.instance.objectNode() : body);
      } else {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        http.body().get("form").properties().forEach(field -> {
          String value = Templates.text(field.getValue().asString(), input);
          if (value != null) {
            form.put(field.getKey(), value);
          }
        });
        builder.form(form);
      }
    }
    return builder.build();
  }

  private JsonNode output(ApiResponse response) throws ConnectorException {
    String pointer = http.output().pointer() == null ? "" : http.output().pointer();
    JsonNode body = response.body().isMissingNode() ? JsonNodeFactory.instance.objectNode() : response.body();
    JsonNode selected = body.at(pointer);
    if (!selected.isObject()) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, name + " got an answer without an object at '"
          + pointer + "', where its definition takes the output from. Retry later; if it persists, the provider "
          + "changed its answers: report it to the connector's author.");
    }
    ObjectNode output = ((ObjectNode) selected).deepCopy();
    http.output().headers().forEach((property, header) ->
        response.header(header).ifPresent(value -> output.put(property, value)));
    return output;
  }
}
