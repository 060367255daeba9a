package dev.patchbay.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks connector-defs/zoom.json against Zoom's official OpenAPI documents (the API hub JSON that
 * developers.zoom.us renders): every input Patchbay sends exists in the Zoom operation with a compatible type and
 * enum, every output field Patchbay declares exists in Zoom's response with a compatible type, and every scope an
 * operation requires is one Zoom lists for the endpoint.
 *
 * <p>The OpenAPI documents are not part of the repository. Point {@code -Dzoom.openapi.dir} at the folder holding
 * {@value #MEETINGS} and {@value #USERS}; without them the tests are skipped with a message.
 */
class ZoomDefinitionAgreesWithOpenApiTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final String MEETINGS = "zoom-meeting-open-api-spec.json";
  private static final String USERS = "zoom-users-open-api-spec.json";

  /** Where an input property goes in the Zoom request. */
  private enum In {
    PATH,
    QUERY,
    BODY,
    /** Patchbay-only input (pagination caps, local files, ...): not sent to Zoom under this name. */
    PATCHBAY
  }

  private record Endpoint(String file, String method, String path) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path + " (" + file + ")";
    }
  }

  /**
   * How one operation maps onto Zoom.
   *
   * @param endpoints the Zoom operations it calls; an input must exist in at least one of them
   * @param inputs every input property of the definition and where it goes
   * @param output the Zoom operation whose 2xx response the output mirrors, or null when Patchbay makes the output
   * @param scopeEndpoints the Zoom operations whose scopes the operation's requiredScopes must come from
   */
  private record Mapping(
      List<Endpoint> endpoints, Map<String, In> inputs, Endpoint output, List<Endpoint> scopeEndpoints) {}

  private static final Endpoint GET_USER = new Endpoint(USERS, "get", "/users/{userId}");
  private static final Endpoint CREATE_MEETING = new Endpoint(MEETINGS, "post", "/users/{userId}/meetings");
  private static final Endpoint LIST_MEETINGS = new Endpoint(MEETINGS, "get", "/users/{userId}/meetings");
  private static final Endpoint GET_MEETING = new Endpoint(MEETINGS, "get", "/meetings/{meetingId}");
  private static final Endpoint UPDATE_MEETING = new Endpoint(MEETINGS, "patch", "/meetings/{meetingId}");
  private static final Endpoint DELETE_MEETING = new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}");
  private static final Endpoint MEETING_STATUS = new Endpoint(MEETINGS, "put", "/meetings/{meetingId}/status");
  private static final Endpoint LIST_RECORDINGS = new Endpoint(MEETINGS, "get", "/users/{userId}/recordings");
  private static final Endpoint GET_RECORDINGS = new Endpoint(MEETINGS, "get", "/meetings/{meetingId}/recordings");
  private static final Endpoint DELETE_RECORDINGS =
      new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}/recordings");
  private static final Endpoint DELETE_RECORDING_FILE =
      new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}/recordings/{recordingId}");

  private static final List<String> MEETING_BODY = List.of(
      "topic", "type", "start_time", "duration", "timezone", "agenda", "password", "default_password",
      "schedule_for", "recurrence", "settings", "template_id", "tracking_fields", "pre_schedule");

  /** The operation table: operation id to the Zoom endpoints it uses and where each input goes. */
  private static final Map<String, Mapping> TABLE = table();

  private static Map<String, Mapping> table() {
    Map<String, Mapping> t = new LinkedHashMap<>();
    t.put("users.getCurrent", new Mapping(List.of(GET_USER), Map.of(), GET_USER, List.of(GET_USER)));
    t.put("users.get", new Mapping(List.of(GET_USER), Map.of("userId", In.PATH), GET_USER, List.of(GET_USER)));

    Map<String, In> create = new LinkedHashMap<>();
    create.put("userId", In.PATH);
    MEETING_BODY.forEach(field -> create.put(field, In.BODY));
    t.put("meetings.create", new Mapping(List.of(CREATE_MEETING), create, CREATE_MEETING, List.of(CREATE_MEETING)));

    t.put("meetings.get", new Mapping(List.of(GET_MEETING),
        Map.of("meetingId", In.PATH, "occurrence_id", In.QUERY, "show_previous_occurrences", In.QUERY),
        GET_MEETING, List.of(GET_MEETING)));

    t.put("meetings.list", new Mapping(List.of(LIST_MEETINGS),
        Map.of("userId", In.PATH, "type", In.QUERY, "from", In.QUERY, "to", In.QUERY, "timezone", In.QUERY,
            "pageSize", In.PATCHBAY, "maxItems", In.PATCHBAY),
        LIST_MEETINGS, List.of(LIST_MEETINGS)));

    Map<String, In> update = new LinkedHashMap<>();
    update.put("meetingId", In.PATH);
    update.put("occurrence_id", In.QUERY);
    // Zoom's PATCH body has no default_password; everything else is the create body.
    MEETING_BODY.stream()
        .filter(field -> !"default_password".equals(field))
        .forEach(field -> update.put(field, In.BODY));
    // Zoom answers the PATCH with 204; Patchbay reads the meeting back, so the output mirrors GET /meetings/{id}.
    t.put("meetings.update", new Mapping(List.of(UPDATE_MEETING), update, GET_MEETING, List.of(UPDATE_MEETING)));

    t.put("meetings.delete", new Mapping(List.of(DELETE_MEETING),
        Map.of("meetingId", In.PATH, "occurrence_id", In.QUERY, "schedule_for_reminder", In.QUERY,
            "cancel_meeting_reminder", In.QUERY),
        null, List.of(DELETE_MEETING)));

    t.put("meetings.end", new Mapping(List.of(MEETING_STATUS), Map.of("meetingId", In.PATH), null,
        List.of(MEETING_STATUS)));

    t.put("recordings.list", new Mapping(List.of(LIST_RECORDINGS),
        Map.of("userId", In.PATH, "from", In.QUERY, "to", In.QUERY, "trash", In.QUERY, "trash_type", In.QUERY,
            "pageSize", In.PATCHBAY, "maxItems", In.PATCHBAY),
        LIST_RECORDINGS, List.of(LIST_RECORDINGS)));

    t.put("recordings.get", new Mapping(List.of(GET_RECORDINGS), Map.of("meetingId", In.PATH), GET_RECORDINGS,
        List.of(GET_RECORDINGS)));

    // recordingId picks a file out of GET /meetings/{meetingId}/recordings; the download itself goes to download_url.
    t.put("recordings.download", new Mapping(List.of(GET_RECORDINGS),
        Map.of("meetingId", In.PATH, "recordingId", In.PATCHBAY, "directory", In.PATCHBAY, "overwrite", In.PATCHBAY),
        null, List.of(GET_RECORDINGS)));

    t.put("recordings.delete", new Mapping(List.of(DELETE_RECORDINGS, DELETE_RECORDING_FILE),
        Map.of("meetingId", In.PATH, "recordingId", In.PATH, "action", In.QUERY),
        null, List.of(DELETE_RECORDINGS, DELETE_RECORDING_FILE)));
    return t;
  }

  private static Map<String, JsonNode> openApi;
  private static JsonNode definition;

  /**
   * Loads zoom.json and Zoom's OpenAPI documents.
   *
   * @return null when loaded, otherwise why the check cannot run (Zoom's documents are absent)
   */
  private static String load() {
    Path definitionFile = Path.of(System.getProperty("zoom.definition", "../../connector-defs/zoom.json"));
    Path openApiDir = Path.of(System.getProperty("zoom.openapi.dir", "../../../shared/zoom/openapi"));
    String howToRun = ": skipping the check of zoom.json against Zoom's OpenAPI. Set -Dzoom.openapi.dir=<folder "
        + "holding " + MEETINGS + " and " + USERS + "> (Zoom's API hub JSON) to run it.";
    if (!Files.isDirectory(openApiDir)) {
      return "Zoom's OpenAPI folder " + openApiDir.toAbsolutePath().normalize() + " does not exist" + howToRun;
    }
    Map<String, JsonNode> documents = new HashMap<>();
    for (String file : List.of(MEETINGS, USERS)) {
      Path path = openApiDir.resolve(file);
      if (!Files.isRegularFile(path)) {
        return "Zoom's OpenAPI document " + path.toAbsolutePath().normalize() + " is missing" + howToRun;
      }
      documents.put(file, read(path));
    }
    openApi = documents;
    definition = read(definitionFile);
    return null;
  }

  @TestFactory
  Stream<DynamicNode> definitionAgreesWithZoomOpenApi() {
    String absent = load();
    if (absent != null) {
      return Stream.of(DynamicTest.dynamicTest("Zoom's OpenAPI documents are present",
          () -> Assumptions.assumeTrue(false, absent)));
    }
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(DynamicTest.dynamicTest("the table covers exactly the definition's operations", () -> {
      Set<String> defined = new TreeSet<>();
      definition.path("operations").forEach(op -> defined.add(op.path("id").asString()));
      assertEquals(new TreeSet<>(TABLE.keySet()), defined,
          "operations of zoom.json vs the operation table of this test");
    }));
    for (JsonNode operation : definition.path("operations")) {
      String id = operation.path("id").asString();
      Mapping mapping = TABLE.get(id);
      if (mapping == null) {
        continue; // reported by the coverage test above
      }
      List<DynamicNode> checks = new ArrayList<>();
      checks.add(DynamicTest.dynamicTest("inputs exist in Zoom's request", () -> checkInputs(id, operation, mapping)));
      if (mapping.output() != null) {
        checks.add(DynamicTest.dynamicTest("outputs exist in Zoom's response",
            () -> checkOutput(id, operation, mapping.output())));
      }
      checks.add(DynamicTest.dynamicTest("required scopes are Zoom's", () -> checkScopes(id, operation, mapping)));
      if (operation.path("paginated").asBoolean(false)) {
        checks.add(DynamicTest.dynamicTest("pagination matches Zoom's",
            () -> checkPagination(id, operation, mapping.endpoints().get(0))));
      }
      nodes.add(DynamicContainer.dynamicContainer(id, checks));
    }
    return nodes.stream();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Loading

  private static JsonNode read(Path path) {
    try {
      return MAPPER.readTree(Files.readString(path));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode zoomOperation(Endpoint endpoint) {
    JsonNode op = openApi.get(endpoint.file()).path("paths").path(endpoint.path()).path(endpoint.method());
    if (!op.isObject()) {
      fail("Zoom's OpenAPI has no operation " + endpoint);
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
        problems.add(id + ": the test's table lists input '" + name + "', which zoom.json does not declare");
      }
    }
    for (Map.Entry<String, JsonNode> property : input.path("properties").properties()) {
      String name = property.getKey();
      In where = mapping.inputs().get(name);
      if (where == null) {
        problems.add(id + ": input '" + name
            + "' is not in the test's table (add it as PATH, QUERY, BODY or PATCHBAY)");
        continue;
      }
      if (where == In.PATCHBAY) {
        continue;
      }
      List<String> candidateProblems = new ArrayList<>();
      boolean found = false;
      for (Endpoint endpoint : mapping.endpoints()) {
        JsonNode zoomSchema = zoomInput(endpoint, where, name);
        if (zoomSchema == null) {
          candidateProblems.add(id + ": input '" + name + "' is not a " + where.name().toLowerCase(Locale.ROOT)
              + (where == In.BODY ? " field" : " parameter") + " of " + endpoint);
          continue;
        }
        found = true;
        compareInput(id, "input " + name, property.getValue(), zoomSchema, where == In.PATH,
            openApi.get(endpoint.file()), problems);
      }
      if (!found) {
        problems.addAll(candidateProblems);
      }
    }
    assertNoProblems(problems);
  }

  /** The schema Zoom gives the named input at that place, or null when Zoom has no such input. */
  private JsonNode zoomInput(Endpoint endpoint, In where, String name) {
    JsonNode doc = openApi.get(endpoint.file());
    JsonNode op = zoomOperation(endpoint);
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

  /** What Patchbay sends must be acceptable to Zoom. */
  private void compareInput(String id, String what, JsonNode ours, JsonNode zoom, boolean pathParameter, JsonNode doc,
      List<String> problems) {
    zoom = resolve(doc, zoom);
    String zoomType = zoom.path("type").asString("");
    for (String ourType : types(ours)) {
      boolean compatible = zoomType.isEmpty()
          || ourType.equals(zoomType)
          || ("integer".equals(ourType) && "number".equals(zoomType))
          // a path segment is text: a meeting number is a valid value of Zoom's string meetingId
          || (pathParameter && "integer".equals(ourType) && "string".equals(zoomType));
      if (!compatible) {
        problems.add(id + ": " + what + " has type " + ourType + " in zoom.json but " + zoomType
            + " in Zoom's OpenAPI");
      }
    }
    if (ours.has("enum") && zoom.has("enum")) {
      Set<String> zoomValues = enumValues(zoom.get("enum"));
      for (JsonNode value : ours.get("enum")) {
        if (!zoomValues.contains(key(value))) {
          problems.add(id + ": " + what + " allows " + value + " in zoom.json, which is not in Zoom's enum "
              + zoom.get("enum"));
        }
      }
    }
    for (String limit : List.of("maxLength", "maximum", "maxItems")) {
      if (ours.has(limit) && zoom.has(limit)
          && ours.get(limit).decimalValue().compareTo(zoom.get(limit).decimalValue()) > 0) {
        problems.add(id + ": " + what + " has " + limit + " " + ours.get(limit) + " in zoom.json but "
            + zoom.get(limit) + " in Zoom's OpenAPI");
      }
    }
    forNested(id, what, ours, zoom, doc, problems,
        (nestedWhat, ourNested, zoomNested) ->
            compareInput(id, nestedWhat, ourNested, zoomNested, false, doc, problems));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Output

  private void checkOutput(String id, JsonNode operation, Endpoint endpoint) {
    JsonNode doc = openApi.get(endpoint.file());
    JsonNode responses = zoomOperation(endpoint).path("responses");
    JsonNode zoomSchema = null;
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      JsonNode schema = resolve(doc, response.getValue()).path("content").path("application/json").path("schema");
      if (response.getKey().startsWith("2") && schema.isObject()) {
        zoomSchema = schema;
        break;
      }
    }
    if (zoomSchema == null) {
      fail(id + ": " + endpoint + " has no 2xx JSON response to compare the output with");
    }
    List<String> problems = new ArrayList<>();
    compareOutput(id, "output", operation.path("output"), zoomSchema, doc, problems);
    assertNoProblems(problems);
  }

  /** What Zoom returns must be acceptable to Patchbay's output schema. */
  private void compareOutput(
      String id, String what, JsonNode ours, JsonNode zoom, JsonNode doc, List<String> problems) {
    zoom = resolve(doc, zoom);
    String zoomType = zoom.path("type").asString("");
    Set<String> ourTypes = types(ours);
    if (!zoomType.isEmpty() && !ourTypes.isEmpty()
        && !ourTypes.contains(zoomType)
        && !("integer".equals(zoomType) && ourTypes.contains("number"))) {
      problems.add(id + ": " + what + " has type " + String.join("|", ourTypes) + " in zoom.json but Zoom returns "
          + zoomType + " (Zoom's OpenAPI)");
    }
    if (ours.has("enum")) {
      if (!zoom.has("enum")) {
        problems.add(id + ": " + what + " is limited to " + ours.get("enum") + " in zoom.json, but Zoom's OpenAPI "
            + "has no enum for it (any value may come back)");
      } else {
        Set<String> ourValues = enumValues(ours.get("enum"));
        for (JsonNode value : zoom.get("enum")) {
          if (!ourValues.contains(key(value))) {
            problems.add(id + ": Zoom may return " + value + " for " + what + ", which zoom.json's enum "
                + ours.get("enum") + " rejects");
          }
        }
      }
    }
    forNested(id, what, ours, zoom, doc, problems,
        (nestedWhat, ourNested, zoomNested) -> compareOutput(id, nestedWhat, ourNested, zoomNested, doc, problems));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Scopes and pagination

  private void checkScopes(String id, JsonNode operation, Mapping mapping) {
    List<String> problems = new ArrayList<>();
    Set<String> zoomScopes = new LinkedHashSet<>();
    boolean userInfoOnlyForMe = false;
    for (Endpoint endpoint : mapping.scopeEndpoints()) {
      JsonNode op = zoomOperation(endpoint);
      JsonNode extensions = op.path("x-extensions");
      extensions.path("x-macro-scopes").forEach(scope -> zoomScopes.add(scope.asString()));
      extensions.path("x-granular-scopes").forEach(scope -> zoomScopes.add(scope.asString()));
      userInfoOnlyForMe |= op.path("description").asString("")
          .contains("`user_info:read` scope is only available when you pass the `me` value");
    }
    Set<String> declared = new LinkedHashSet<>();
    definition.path("scopes").forEach(scope -> declared.add(scope.path("name").asString()));
    JsonNode required = operation.path("requiredScopes");
    if (required.isEmpty()) {
      problems.add(id + ": requiredScopes is empty, but Zoom requires one of " + zoomScopes);
    }
    for (JsonNode alternative : required) {
      for (JsonNode scopeNode : alternative) {
        String scope = scopeNode.asString();
        if (!zoomScopes.contains(scope)) {
          problems.add(id + ": requires scope " + scope + ", which Zoom lists for none of " + mapping.scopeEndpoints()
              + " (Zoom's x-macro-scopes and x-granular-scopes: " + zoomScopes + ")");
        }
        if (!declared.contains(scope)) {
          problems.add(id + ": requires scope " + scope + ", which zoom.json's scopes list does not declare");
        }
        boolean takesAnyUser = operation.path("input").path("properties").has("userId");
        if (userInfoOnlyForMe && takesAnyUser && "user_info:read".equals(scope)) {
          problems.add(id + ": takes any userId but requires user_info:read, which Zoom accepts only for userId 'me'");
        }
      }
    }
    assertNoProblems(problems);
  }

  private void checkPagination(String id, JsonNode operation, Endpoint endpoint) {
    List<String> problems = new ArrayList<>();
    JsonNode pagination = operation.path("pagination");
    JsonNode doc = openApi.get(endpoint.file());
    JsonNode pageSize = zoomInput(endpoint, In.QUERY, pagination.path("pageSizeParameter").asString());
    if (zoomInput(endpoint, In.QUERY, pagination.path("cursorParameter").asString()) == null) {
      problems.add(id + ": cursorParameter " + pagination.path("cursorParameter") + " is not a query parameter of "
          + endpoint);
    }
    if (pageSize == null) {
      problems.add(id + ": pageSizeParameter " + pagination.path("pageSizeParameter")
          + " is not a query parameter of " + endpoint);
    } else if (pageSize.has("maximum")) {
      int zoomMax = pageSize.get("maximum").asInt();
      if (pagination.path("maxPageSize").asInt() > zoomMax) {
        problems.add(id + ": maxPageSize " + pagination.path("maxPageSize") + " exceeds Zoom's page_size maximum "
            + zoomMax);
      }
      JsonNode ourPageSize = operation.path("input").path("properties").path("pageSize");
      if (ourPageSize.has("maximum") && ourPageSize.get("maximum").asInt() > zoomMax) {
        problems.add(id + ": input pageSize allows up to " + ourPageSize.get("maximum") + " but Zoom's page_size "
            + "maximum is " + zoomMax);
      }
    }
    JsonNode response = resolve(doc, zoomOperation(endpoint).path("responses").path("200").path("content")
        .path("application/json").path("schema"));
    for (String field : List.of("cursorField", "itemsField")) {
      String name = pagination.path(field).asString();
      if (!response.path("properties").has(name)) {
        problems.add(id + ": pagination " + field + " '" + name + "' is not a field of Zoom's 200 response of "
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
    void check(String what, JsonNode ours, JsonNode zoom);
  }

  /** Walks into object properties and array items of our schema, pairing each with Zoom's. */
  private void forNested(String id, String what, JsonNode ours, JsonNode zoom, JsonNode doc, List<String> problems,
      NestedCheck check) {
    if (ours.path("properties").isObject()) {
      JsonNode zoomProperties = zoom.path("properties");
      for (Map.Entry<String, JsonNode> property : ours.path("properties").properties()) {
        JsonNode zoomProperty = zoomProperties.get(property.getKey());
        String nestedWhat = what + "." + property.getKey();
        if (zoomProperty == null) {
          problems.add(id + ": " + nestedWhat + " (" + String.join("|", types(property.getValue()))
              + ") does not exist in Zoom's OpenAPI schema (which has " + new TreeSet<>(zoomProperties.propertyNames())
              + ")");
        } else {
          check.check(nestedWhat, property.getValue(), resolve(doc, zoomProperty));
        }
      }
    }
    if (ours.path("items").isObject()) {
      JsonNode zoomItems = zoom.path("items");
      if (!zoomItems.isObject()) {
        problems.add(id + ": " + what + " has items in zoom.json but Zoom's OpenAPI schema has none");
      } else {
        check.check(what + "[]", ours.get("items"), resolve(doc, zoomItems));
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
      throw new AssertionError("$ref/allOf nesting too deep in Zoom's OpenAPI (a cycle?)");
    }
    if (schema == null || !schema.isObject()) {
      return MAPPER.createObjectNode();
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asString();
      if (!ref.startsWith("#")) {
        throw new AssertionError("only local $refs are supported, found " + ref);
      }
      JsonNode target = doc.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new AssertionError("unresolvable $ref " + ref + " in Zoom's OpenAPI");
      }
      return resolve(doc, target, depth + 1);
    }
    if (!schema.has("allOf") && !schema.has("oneOf") && !schema.has("anyOf")) {
      return schema;
    }
    ObjectNode merged = MAPPER.createObjectNode();
    ObjectNode properties = MAPPER.createObjectNode();
    ArrayNode required = MAPPER.createArrayNode();
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
    assertTrue(problems.isEmpty(), () -> problems.size() + " disagreement(s) with Zoom's OpenAPI:\n  "
        + String.join("\n  ", problems));
  }
}
