package dev.patchbay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.json.Json;
import dev.patchbay.testkit.OpenApiAgreement.Endpoint;
import dev.patchbay.testkit.OpenApiAgreement.In;
import dev.patchbay.testkit.OpenApiAgreement.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiAgreementTest {

  private static final JsonNode OPEN_API = Json.MAPPER.readTree("""
      {"paths": {"/items/{id}": {"get": {
        "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}},
                       {"name": "expand", "in": "query", "schema": {"type": "string", "enum": ["owner"]}}],
        "security": [{"oauth": ["items:read"]}],
        "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}
      }}},
      "components": {"schemas": {"Item": {"type": "object", "properties": {
        "id": {"type": "string"}, "size": {"type": "integer"}}}}}}""");

  private static final Endpoint GET_ITEM = new Endpoint("items.json", "get", "/items/{id}");

  @Test
  void agreeingDefinitionPasses() {
    assertEquals(List.of(), failures(definition("\"expand\": {\"type\": \"string\", \"enum\": [\"owner\"]}",
        "\"size\": {\"type\": \"number\"}", "items:read"), Map.of("id", In.PATH, "expand", In.QUERY)));
  }

  @Test
  void eachDisagreementIsNamed() {
    List<String> failures = failures(definition("\"expand\": {\"type\": \"string\", \"enum\": [\"owner\", \"all\"]}",
        "\"colour\": {\"type\": \"string\"}", "items:write"), Map.of("id", In.PATH, "expand", In.QUERY));

    assertEquals(3, failures.size(), failures.toString());
    assertEquals(true, failures.get(0).contains("items.get: input expand allows \"all\" in the definition, which is "
        + "not in the provider's enum [\"owner\"]"), failures.get(0));
    assertEquals(true, failures.get(1).contains("items.get: output.colour (string) does not exist in the OpenAPI "
        + "schema (which has [id, size])"), failures.get(1));
    assertEquals(true, failures.get(2).contains("items.get: requires scope items:write, which the OpenAPI document "
        + "lists for none of"), failures.get(2));
  }

  private static JsonNode definition(String inputProperty, String outputProperty, String scope) {
    return Json.MAPPER.readTree("""
        {"scopes": [{"name": "%3$s"}], "operations": [{"id": "items.get", "requiredScopes": [["%3$s"]],
          "input": {"type": "object", "additionalProperties": false,
                    "properties": {"id": {"type": "integer"}, %1$s}},
          "output": {"type": "object", "properties": {"id": {"type": "string"}, %2$s}}}]}
        """.formatted(inputProperty, outputProperty, scope));
  }

  /** Runs the dynamic tests and returns the messages of those that failed. */
  private static List<String> failures(JsonNode definition, Map<String, In> inputs) {
    List<String> failures = new ArrayList<>();
    OpenApiAgreement.of(definition, Map.of("items.json", OPEN_API))
        .operation("items.get", new Mapping(List.of(GET_ITEM), inputs, GET_ITEM, List.of(GET_ITEM)))
        .tests().forEach(node -> run(node, failures));
    return failures;
  }

  private static void run(DynamicNode node, List<String> failures) {
    if (node instanceof DynamicContainer container) {
      container.getChildren().forEach(child -> run(child, failures));
    } else {
      try {
        ((DynamicTest) node).getExecutable().execute();
      } catch (Throwable failure) {
        failures.add(failure.getMessage());
      }
    }
  }
}
