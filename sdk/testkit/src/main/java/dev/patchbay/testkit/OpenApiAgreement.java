package dev.patchbay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patchbay.engine.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a connector definition against the provider's OpenAPI documents, one dynamic test per operation: every
 * input the plugin sends exists in the provider's request at the place the mapping says, with a compatible type, enum
 * and limits; every output field the definition declares exists in the provider's 2xx response with a compatible
 * type; every required scope is one the provider lists for the endpoint (its {@code security} requirements, or vendor
 * extensions named with {@link #scopeExtensions}) and one the definition declares; pagination parameters and fields
 * exist. The mapping must cover exactly the definition's operations.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> definitionAgreesWithOpenApi() {
 *   Endpoint getItem = new Endpoint("items.json", "get", "/items/{id}");
 *   return OpenApiAgreement.of(definition, Map.of("items.json", openApi))
 *       .operation("items.get", new Mapping(List.of(getItem), Map.of("id", In.PATH), getItem, List.of(getItem)))
 *       .tests();
 * }
 * }</pre>
 */
public final class OpenApiAgreement {

  /** Where an input property goes in the provider's request. */
  public enum In {
    PATH,
    QUERY,
    BODY,
    /** The plugin's own input (pagination caps, local files...): not sent to the provider under this name. */
    LOCAL
  }

  /**
   * One operation of an OpenAPI document.
   *
   * @param document the name the document was given under
   * @param method lower case, as OpenAPI keys it: get, post...
   * @param path the path template as the document has it
   */
  public record Endpoint(String document, String method, String path) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path + " (" + document + ")";
    }
  }

  /**
   * How one operation of the definition maps onto the provider's API.
   *
   * @param endpoints the provider operations it calls; an input must exist in at least one of them
   * @param inputs every input property of the definition and where it goes
   * @param output the provider operation whose 2xx response the output mirrors, or null when the plugin makes it
   * @param scopeEndpoints the provider operations whose scopes the operation's requiredScopes must come from
   */
  public record Mapping(List<Endpoint> endpoints, Map<String, In> inputs, Endpoint output,
      List<Endpoint> scopeEndpoints) {}

  /** A provider's own scope rule beyond "listed for the endpoint": the problems it finds in one operation. */
  @FunctionalInterface
  public interface ScopeRule {
    List<String> problems(String operationId, JsonNode operation, List<JsonNode> providerOperations);
  }

  private final JsonNode definition;
  private final Map<String, JsonNode> documents;
  private final Map<String, Mapping> table = new LinkedHashMap<>();
  private final List<String> scopeExtensions = new ArrayList<>();
  private final List<ScopeRule> scopeRules = new ArrayList<>();

  private OpenApiAgreement(JsonNode definition, Map<String, JsonNode> documents) {
    this.definition = definition;
    this.documents = Map.copyOf(documents);
  }

  /** A check of {@code definition} against OpenAPI documents, by the names the mappings' endpoints use. */
  public static OpenApiAgreement of(JsonNode definition, Map<String, JsonNode> documents) {
    return new OpenApiAgreement(definition, documents);
  }

  /** Maps an operation of the definition. */
  public OpenApiAgreement operation(String operationId, Mapping mapping) {
    table.put(operationId, mapping);
    return this;
  }

  /** Vendor extensions listing an operation's scopes (read on the operation and in its {@code x-extensions}). */
  public OpenApiAgreement scopeExtensions(String... names) {
    scopeExtensions.addAll(List.of(names));
    return this;
  }

  /** Adds a provider's own scope rule. */
  public OpenApiAgreement scopeRule(ScopeRule rule) {
    scopeRules.add(rule);
    return this;
  }

  /** The checks, one container per operation, plus one that the mappings cover exactly the definition's operations. */
  public Stream<DynamicNode> tests() {
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(DynamicTest.dynamicTest("the mappings cover exactly the definition's operations", () -> {
      Set<String> defined = new TreeSet<>();
      definition.path("operations").forEach(op -> defined.add(op.path("id").asString()));
      assertEquals(new TreeSet<>(table.keySet()), defined, "operations of the definition vs the mappings");
    }));
    for (JsonNode operation : definition.path("operations")) {
      String id = operation.path("id").asString();
      Mapping mapping = table.get(id);
      if (mapping == null) {
        continue; // reported by the coverage test above
      }
      List<DynamicNode> checks = new ArrayList<>();
      checks.add(DynamicTest.dynamicTest("inputs exist in the provider's request",
          () -> checkInputs(id, operation, mapping)));
      if (mapping.output() != null) {
        checks.add(DynamicTest.dynamicTest("outputs exist in the provider's response",
            () -> checkOutput(id, operation, mapping.output())));
      }
      checks.add(DynamicTest.dynamicTest("required scopes are the provider's",
          () -> checkScopes(id, operation, mapping)));
      if (operation.path("paginated").asBoolean(false)) {
        checks.add(DynamicTest.dynamicTest("pagination matches the provider's",
            () -> checkPagination(id, operation, mapping.endpoints().get(0))));
      }
      nodes.add(DynamicContainer.dynamicContainer(id, checks));
    }
    return nodes.stream();
  }

  private JsonNode providerOperation(Endpoint endpoint) {
    JsonNode document = documents.get(endpoint.document());
    if (document == null) {
      fail("no OpenAPI document named " + endpoint.document() + " was given");
    }
    JsonNode op = document.path("paths").path(endpoint.path()).path(endpoint.method());
    if (!op.isObject()) {
      fail("the OpenAPI document has no operation " + endpoint);
    }
    return op;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Inputs

  private void checkInputs(String id, JsonNode operation, Mapping mapping) {
    List<String> problems = new ArrayList<>();
    JsonNode input = operation.path("input");
    if (!"object".equals(input.path("type").asString()) || input.path("additionalProperties").asBoolean(true)) {
      problems.add(id + ": input must be an object with additionalProperties false at the top level");
    }
    Set<String> declared = new LinkedHashSet<>(input.path("properties").propertyNames());
    for (String name : mapping.inputs().keySet()) {
      if (!declared.contains(name)) {
        problems.add(id + ": the mapping lists input '" + name + "', which the definition does not declare");
      }
    }
    for (Map.Entry<String, JsonNode> property : input.path("properties").properties()) {
      String name = property.getKey();
      In where = mapping.inputs().get(name);
      if (where == null) {
        problems.add(id + ": input '" + name
            + "' is not in the mapping (add it as PATH, QUERY, BODY or LOCAL)");
        continue;
      }
      if (where == In.LOCAL) {
        continue;
      }
      List<String> candidateProblems = new ArrayList<>();
      boolean found = false;
      for (Endpoint endpoint : mapping.endpoints()) {
        JsonNode providerSchema = providerInput(endpoint, where, name);
        if (providerSchema == null) {
          candidateProblems.add(id + ": input '" + name + "' is not a " + where.name().toLowerCase(Locale.ROOT)
              + (where == In.BODY ? " field" : " parameter") + " of " + endpoint);
          continue;
        }
        found = true;
        compareInput(id, "input " + name, property.getValue(), providerSchema, where == In.PATH,
            documents.get(endpoint.document()), problems);
      }
      if (!found) {
        problems.addAll(candidateProblems);
      }
    }
    assertNoProblems(problems);
  }

  /** The schema the OpenAPI document gives the named input at that place, or null when it has no such input. */
  private JsonNode providerInput(Endpoint endpoint, In where, String name) {
    JsonNode doc = documents.get(endpoint.document());
    JsonNode op = providerOperation(endpoint);
    if (where == In.BODY) {
      JsonNode body = resolve(doc, op.path("requestBody").path("content").path("application/json").path("schema"));
      JsonNode field = body.path("properties").get(name);
      return field == null ? null : resolve(doc, field);
    }
    String location = where == In.PATH ? "path" : "query";
    List<JsonNode> parameters = new ArrayList<>();
    op.path("parameters").forEach(parameters::add);
    doc.path("paths").path(endpoint.path()).path("parameters").forEach(parameters::add);
    for (JsonNode parameter : parameters) {
      JsonNode p = resolve(doc, parameter);
      if (name.equals(p.path("name").asString()) && location.equals(p.path("in").asString())) {
        return resolve(doc, p.path("schema"));
      }
    }
    return null;
  }

  /** What Patchbay sends must be acceptable to the provider. */
  private void compareInput(String id, String what, JsonNode ours, JsonNode provider, boolean pathParameter, JsonNode doc,
      List<String> problems) {
    provider = resolve(doc, provider);
    String providerType = provider.path("type").asString("");
    for (String ourType : types(ours)) {
      boolean compatible = providerType.isEmpty()
          || ourType.equals(providerType)
          || ("integer".equals(ourType) && "number".equals(providerType))
          // a path segment is text: a number is a valid value of a string path parameter
          || (pathParameter && "integer".equals(ourType) && "string".equals(providerType));
      if (!compatible) {
        problems.add(id + ": " + what + " has type " + ourType + " in the definition but " + providerType
            + " in the OpenAPI document");
      }
    }
    if (ours.has("enum") && provider.has("enum")) {
      Set<String> providerValues = enumValues(provider.get("enum"));
      for (JsonNode value : ours.get("enum")) {
        if (!providerValues.contains(key(value))) {
          problems.add(id + ": " + what + " allows " + value + " in the definition, which is not in the provider's enum "
              + provider.get("enum"));
        }
      }
    }
    for (String limit : List.of("maxLength", "maximum", "maxItems")) {
      if (ours.has(limit) && provider.has(limit)
          && ours.get(limit).decimalValue().compareTo(provider.get(limit).decimalValue()) > 0) {
        problems.add(id + ": " + what + " has " + limit + " " + ours.get(limit) + " in the definition but "
            + provider.get(limit) + " in the OpenAPI document");
      }
    }
    forNested(id, what, ours, provider, doc, problems,
        (nestedWhat, ourNested, providerNested) ->
            compareInput(id, nestedWhat, ourNested, providerNested, false, doc, problems));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Output

  private void checkOutput(String id, JsonNode operation, Endpoint endpoint) {
    JsonNode doc = documents.get(endpoint.document());
    JsonNode responses = providerOperation(endpoint).path("responses");
    JsonNode providerSchema = null;
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      JsonNode schema = resolve(doc, response.getValue()).path("content").path("application/json").path("schema");
      if (response.getKey().startsWith("2") && schema.isObject()) {
        providerSchema = schema;
        break;
      }
    }
    if (providerSchema == null) {
      fail(id + ": " + endpoint + " has no 2xx JSON response to compare the output with");
    }
    List<String> problems = new ArrayList<>();
    compareOutput(id, "output", operation.path("output"), providerSchema, doc, problems);
    assertNoProblems(problems);
  }

  /** What the provider returns must be acceptable to Patchbay's output schema. */
  private void compareOutput(
      String id, String what, JsonNode ours, JsonNode provider, JsonNode doc, List<String> problems) {
    provider = resolve(doc, provider);
    String providerType = provider.path("type").asString("");
    Set<String> ourTypes = types(ours);
    if (!providerType.isEmpty() && !ourTypes.isEmpty()
        && !ourTypes.contains(providerType)
        && !("integer".equals(providerType) && ourTypes.contains("number"))) {
      problems.add(id + ": " + what + " has type " + String.join("|", ourTypes) + " in the definition but the provider returns "
          + providerType + " (the OpenAPI document)");
    }
    if (ours.has("enum")) {
      if (!provider.has("enum")) {
        problems.add(id + ": " + what + " is limited to " + ours.get("enum") + " in the definition, but the OpenAPI document "
            + "has no enum for it (any value may come back)");
      } else {
        Set<String> ourValues = enumValues(ours.get("enum"));
        for (JsonNode value : provider.get("enum")) {
          if (!ourValues.contains(key(value))) {
            problems.add(id + ": the provider may return " + value + " for " + what + ", which the definition's enum "
                + ours.get("enum") + " rejects");
          }
        }
      }
    }
    forNested(id, what, ours, provider, doc, problems,
        (nestedWhat, ourNested, providerNested) -> compareOutput(id, nestedWhat, ourNested, providerNested, doc, problems));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Scopes and pagination

  private void checkScopes(String id, JsonNode operation, Mapping mapping) {
    List<String> problems = new ArrayList<>();
    Set<String> providerScopes = new LinkedHashSet<>();
    List<JsonNode> endpoints = new ArrayList<>();
    for (Endpoint endpoint : mapping.scopeEndpoints()) {
      JsonNode op = providerOperation(endpoint);
      endpoints.add(op);
      op.path("security").forEach(requirement -> requirement.properties()
          .forEach(entry -> entry.getValue().forEach(scope -> providerScopes.add(scope.asString()))));
      for (String extension : scopeExtensions) {
        op.path(extension).forEach(scope -> providerScopes.add(scope.asString()));
        op.path("x-extensions").path(extension).forEach(scope -> providerScopes.add(scope.asString()));
      }
    }
    for (ScopeRule rule : scopeRules) {
      problems.addAll(rule.problems(id, operation, endpoints));
    }
    Set<String> declared = new LinkedHashSet<>();
    definition.path("scopes").forEach(scope -> declared.add(scope.path("name").asString()));
    JsonNode required = operation.path("requiredScopes");
    if (required.isEmpty()) {
      problems.add(id + ": requiredScopes is empty, but the provider requires one of " + providerScopes);
    }
    for (JsonNode alternative : required) {
      for (JsonNode scopeNode : alternative) {
        String scope = scopeNode.asString();
        if (!providerScopes.contains(scope)) {
          problems.add(id + ": requires scope " + scope + ", which the OpenAPI document lists for none of " + mapping.scopeEndpoints()
              + " (its scopes: " + providerScopes + ")");
        }
        if (!declared.contains(scope)) {
          problems.add(id + ": requires scope " + scope + ", which the definition's scopes list does not declare");
        }
      }
    }
    assertNoProblems(problems);
  }

  private void checkPagination(String id, JsonNode operation, Endpoint endpoint) {
    List<String> problems = new ArrayList<>();
    JsonNode pagination = operation.path("pagination");
    JsonNode doc = documents.get(endpoint.document());
    JsonNode pageSize = providerInput(endpoint, In.QUERY, pagination.path("pageSizeParameter").asString());
    if (providerInput(endpoint, In.QUERY, pagination.path("cursorParameter").asString()) == null) {
      problems.add(id + ": cursorParameter " + pagination.path("cursorParameter") + " is not a query parameter of "
          + endpoint);
    }
    if (pageSize == null) {
      problems.add(id + ": pageSizeParameter " + pagination.path("pageSizeParameter")
          + " is not a query parameter of " + endpoint);
    } else if (pageSize.has("maximum")) {
      int providerMax = pageSize.get("maximum").asInt();
      if (pagination.path("maxPageSize").asInt() > providerMax) {
        problems.add(id + ": maxPageSize " + pagination.path("maxPageSize") + " exceeds the provider's page size maximum "
            + providerMax);
      }
      JsonNode ourPageSize = operation.path("input").path("properties").path("pageSize");
      if (ourPageSize.has("maximum") && ourPageSize.get("maximum").asInt() > providerMax) {
        problems.add(id + ": input pageSize allows up to " + ourPageSize.get("maximum") + " but the provider's page size "
            + "maximum is " + providerMax);
      }
    }
    JsonNode response = resolve(doc, providerOperation(endpoint).path("responses").path("200").path("content")
        .path("application/json").path("schema"));
    for (String field : List.of("cursorField", "itemsField")) {
      String name = pagination.path(field).asString();
      if (!response.path("properties").has(name)) {
        problems.add(id + ": pagination " + field + " '" + name + "' is not a field of the 200 response of "
            + endpoint);
      }
    }
    String items = pagination.path("itemsField").asString();
    if (!operation.path("output").path("properties").has(items)) {
      problems.add(id + ": the output has no '" + items + "' for the pages' items");
    }
    assertNoProblems(problems);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Schema helpers

  private interface NestedCheck {
    void check(String what, JsonNode ours, JsonNode provider);
  }

  /** Walks into object properties and array items of our schema, pairing each with the OpenAPI document's. */
  private void forNested(String id, String what, JsonNode ours, JsonNode provider, JsonNode doc, List<String> problems,
      NestedCheck check) {
    if (ours.path("properties").isObject()) {
      JsonNode providerProperties = provider.path("properties");
      for (Map.Entry<String, JsonNode> property : ours.path("properties").properties()) {
        JsonNode providerProperty = providerProperties.get(property.getKey());
        String nestedWhat = what + "." + property.getKey();
        if (providerProperty == null) {
          problems.add(id + ": " + nestedWhat + " (" + String.join("|", types(property.getValue()))
              + ") does not exist in the OpenAPI schema (which has " + new TreeSet<>(providerProperties.propertyNames())
              + ")");
        } else {
          check.check(nestedWhat, property.getValue(), resolve(doc, providerProperty));
        }
      }
    }
    if (ours.path("items").isObject()) {
      JsonNode providerItems = provider.path("items");
      if (!providerItems.isObject()) {
        problems.add(id + ": " + what + " has items in the definition but the OpenAPI schema has none");
      } else {
        check.check(what + "[]", ours.get("items"), resolve(doc, providerItems));
      }
    }
  }

  /** The JSON types a schema allows ("type" as a string or an array; the type of "const" otherwise). */
  private static Set<String> types(JsonNode schema) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = schema.path("type");
    if (type.isString()) {
      types.add(type.asString());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asString()));
    } else if (schema.has("const")) {
      JsonNode value = schema.get("const");
      types.add(value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
          : value.isString() ? "string" : value.isArray() ? "array" : value.isObject() ? "object" : "null");
    }
    return types;
  }

  private static Set<String> enumValues(JsonNode values) {
    Set<String> keys = new LinkedHashSet<>();
    values.forEach(value -> keys.add(key(value)));
    return keys;
  }

  /** A type-aware key for enum comparison: 1 and "1" differ, 1 and 1.0 do not. */
  private static String key(JsonNode value) {
    if (value.isNumber()) {
      return "n:" + value.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (value.isString()) {
      return "s:" + value.asString();
    }
    return "j:" + value;
  }

  /**
   * Resolves a local {@code $ref} and merges {@code allOf} (and, for looking fields up, the properties of
   * {@code oneOf}/{@code anyOf} alternatives) into one schema.
   */
  private static JsonNode resolve(JsonNode doc, JsonNode schema) {
    return resolve(doc, schema, 0);
  }

  private static JsonNode resolve(JsonNode doc, JsonNode schema, int depth) {
    if (depth > 32) {
      throw new AssertionError("$ref/allOf nesting too deep in the OpenAPI document (a cycle?)");
    }
    if (schema == null || !schema.isObject()) {
      return Json.MAPPER.createObjectNode();
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asString();
      if (!ref.startsWith("#")) {
        throw new AssertionError("only local $refs are supported, found " + ref);
      }
      JsonNode target = doc.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new AssertionError("unresolvable $ref " + ref + " in the OpenAPI document");
      }
      return resolve(doc, target, depth + 1);
    }
    if (!schema.has("allOf") && !schema.has("oneOf") && !schema.has("anyOf")) {
      return schema;
    }
    ObjectNode merged = Json.MAPPER.createObjectNode();
    ObjectNode properties = Json.MAPPER.createObjectNode();
    ArrayNode required = Json.MAPPER.createArrayNode();
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      switch (entry.getKey()) {
        case "allOf", "oneOf", "anyOf" -> { }
        case "properties" -> properties.setAll((ObjectNode) entry.getValue());
        case "required" -> entry.getValue().forEach(required::add);
        default -> merged.set(entry.getKey(), entry.getValue());
      }
    }
    for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
      for (JsonNode part : schema.path(combiner)) {
        JsonNode resolved = resolve(doc, part, depth + 1);
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
          properties.putIfAbsent(property.getKey(), property.getValue());
        }
        if ("allOf".equals(combiner)) {
          resolved.path("required").forEach(required::add);
        }
        for (String keyword : List.of("type", "items", "enum", "format")) {
          if (resolved.has(keyword) && !merged.has(keyword)) {
            merged.set(keyword, resolved.get(keyword));
          }
        }
      }
    }
    if (!properties.isEmpty()) {
      merged.set("properties", properties);
    }
    if (!required.isEmpty()) {
      merged.set("required", required);
    }
    return merged;
  }

  private static void assertNoProblems(List<String> problems) {
    assertTrue(problems.isEmpty(), () -> problems.size() + " disagreement(s) with the OpenAPI document:\n  "
        + String.join("\n  ", problems));
  }
}
