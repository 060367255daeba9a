package dev.patchbay.zoom.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a request against Zoom's OpenAPI documents, by three rules:
 *
 * <ol>
 *   <li><b>path</b>: method and path (percent-decoded once, as Zoom's server does before routing, so a UUID that had
 *       to be double-encoded still fills one segment) match exactly one operation; where a concrete template and a
 *       templated one both match, the concrete one wins, as OpenAPI says. Each path parameter is declared and its
 *       value is valid for its schema.
 *   <li><b>query</b>: every query parameter is declared (path-level or operation-level {@code parameters}) and its
 *       value, read as the schema's type, is valid for the schema (type, enum, bounds, format such as date); every
 *       required query parameter is present; a first page the host paginates has a declared
 *       {@code next_page_token} for the pages after it.
 *   <li><b>body</b>: the request has a body exactly when the operation has a {@code requestBody}; the body is valid
 *       against its {@code application/json} schema, and every field in it is one the schema declares (Zoom's schemas
 *       leave {@code additionalProperties} open, so validation alone would let a misspelt or Patchbay-only field
 *       through).
 * </ol>
 *
 * Formats are asserted, not just annotated.
 */
public final class RequestConformance {

  public static final String PATH = "rule (1) path: ";
  public static final String QUERY = "rule (2) query: ";
  public static final String BODY = "rule (3) body: ";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ZoomOpenApi openApi;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
          .formatAssertionsEnabled(true)
          .pathType(PathType.JSON_POINTER)
          .build()));
  /** Compiled schemas by the document node they come from. */
  private final Map<JsonNode, Compiled> compiled = new IdentityHashMap<>();

  private record Compiled(JsonNode inlined, Schema schema) {}

  private record Match(ApiOperation operation, Map<String, String> pathValues) {}

  public RequestConformance(ZoomOpenApi openApi) {
    this.openApi = openApi;
  }

  /** Every way the request breaks Zoom's OpenAPI, each starting with the rule it breaks; empty when it conforms. */
  public List<String> violations(RecordedRequest request) {
    List<String> problems = new ArrayList<>();
    Match match = match(request, problems);
    if (match != null) {
      checkPathParameters(match, problems);
      checkQuery(request, match.operation(), problems);
      checkBody(request, match.operation(), problems);
    }
    return problems;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Rule 1: path

  private Match match(RecordedRequest request, List<String> problems) {
    String decoded;
    try {
      decoded = Schemas.decodeOnce(request.path());
    } catch (IllegalArgumentException e) {
      problems.add(PATH + "the path is not a valid percent-encoded URI path: " + e.getMessage());
      return null;
    }
    List<Match> matches = new ArrayList<>();
    List<String> otherMethods = new ArrayList<>();
    for (ApiOperation operation : openApi.operations()) {
      Matcher matcher = operation.pathPattern().matcher(decoded);
      if (!matcher.matches()) {
        continue;
      }
      if (!operation.method().equals(request.method())) {
        otherMethods.add(operation.toString());
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      List<String> names = operation.placeholders();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), matcher.group(i + 1));
      }
      matches.add(new Match(operation, values));
    }
    if (matches.isEmpty()) {
      problems.add(PATH + "no operation of Zoom's OpenAPI matches " + request.method() + " " + decoded
          + " (the path decoded once)"
          + (otherMethods.isEmpty() ? "" : "; that path has only " + String.join(", ", otherMethods)));
      return null;
    }
    int fewest = matches.stream().mapToInt(m -> m.pathValues().size()).min().orElseThrow();
    List<Match> best = matches.stream().filter(m -> m.pathValues().size() == fewest).toList();
    if (best.size() != 1) {
      problems.add(PATH + request.method() + " " + decoded + " matches " + best.size() + " operations equally: "
          + best.stream().map(m -> m.operation().toString()).toList());
      return null;
    }
    return best.get(0);
  }

  private void checkPathParameters(Match match, List<String> problems) {
    ApiOperation operation = match.operation();
    Map<String, JsonNode> declared = operation.parameters("path");
    match.pathValues().forEach((name, value) -> {
      JsonNode parameter = declared.get(name);
      if (parameter == null) {
        problems.add(PATH + "{" + name + "} of " + operation + " is not a declared path parameter");
      } else {
        checkValue(operation, PATH, "path parameter {" + name + "}", value, parameter, problems);
      }
    });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Rule 2: query

  private void checkQuery(RecordedRequest request, ApiOperation operation, List<String> problems) {
    Map<String, JsonNode> declared = operation.parameters("query");
    request.query().forEach((name, value) -> {
      JsonNode parameter = declared.get(name);
      if (parameter == null) {
        problems.add(QUERY + "'" + name + "' is not a query parameter of " + operation + "; Zoom declares "
            + declared.keySet());
      } else {
        checkValue(operation, QUERY, "query parameter '" + name + "'", value, parameter, problems);
      }
    });
    declared.forEach((name, parameter) -> {
      if (parameter.path("required").asBoolean(false) && !request.query().containsKey(name)) {
        problems.add(QUERY + "the required query parameter '" + name + "' of " + operation + " is missing");
      }
    });
    if (request.firstPage() && !declared.containsKey("next_page_token")) {
      problems.add(QUERY + "the host asks for later pages with next_page_token, which is not a query parameter of "
          + operation);
    }
  }

  /** A path or query value, read as its schema's type, against the schema. */
  private void checkValue(ApiOperation operation, String rule, String what, String value, JsonNode parameter,
      List<String> problems) {
    JsonNode schema = parameter.get("schema");
    if (schema == null) {
      problems.add(rule + what + " of " + operation + " has no schema to check " + quoted(value) + " against");
      return;
    }
    Compiled compiledSchema = compile(operation, schema);
    JsonNode typed;
    try {
      typed = typed(value, compiledSchema.inlined());
    } catch (IllegalArgumentException e) {
      problems.add(rule + what + " = " + quoted(value) + " " + e.getMessage() + "; Zoom's schema: "
          + brief(compiledSchema.inlined()));
      return;
    }
    for (Error error : compiledSchema.schema().validate(typed)) {
      problems.add(rule + what + " = " + quoted(value) + " is invalid: " + error.getMessage() + "; Zoom's schema: "
          + brief(compiledSchema.inlined()));
    }
  }

  /** The text of a path segment or query value as the JSON value the schema's type reads it as. */
  private static JsonNode typed(String value, JsonNode schema) {
    String type = schema.path("type").asString("");
    switch (type) {
      case "integer" -> {
        if (!value.matches("-?[0-9]+")) {
          throw new IllegalArgumentException("is not an integer");
        }
        BigInteger number = new BigInteger(value);
        // The validator reads int32/int64 as annotations; OpenAPI means them as the integer's range.
        String format = schema.path("format").asString("");
        if (format.equals("int64") && number.bitLength() > 63 || format.equals("int32") && number.bitLength() > 31) {
          throw new IllegalArgumentException("is outside the range of format " + format);
        }
        return NODES.numberNode(number);
      }
      case "number" -> {
        try {
          return NODES.numberNode(new BigDecimal(value));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("is not a number");
        }
      }
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException("is not a boolean (true or false)");
        }
        return NODES.booleanNode(Boolean.parseBoolean(value));
      }
      case "array", "object" -> throw new IllegalArgumentException(
          "cannot be checked: Zoom declares type " + type + ", which this test does not read from one value");
      default -> {
        return NODES.stringNode(value);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Rule 3: body

  private void checkBody(RecordedRequest request, ApiOperation operation, List<String> problems) {
    JsonNode requestBody = operation.requestBody();
    boolean sent = request.body() != null && !request.body().isMissingNode();
    if (requestBody == null) {
      if (sent) {
        problems.add(BODY + "the plugin sent the body " + request.body() + " but " + operation + " takes none");
      }
      return;
    }
    if (!sent) {
      problems.add(BODY + operation + " takes a request body (required: "
          + requestBody.path("required").asBoolean(false) + ") but the plugin sent none");
      return;
    }
    JsonNode schema = requestBody.path("content").path("application/json").get("schema");
    if (schema == null) {
      problems.add(BODY + operation + " has no application/json request schema; its content types: "
          + requestBody.path("content").propertyNames());
      return;
    }
    Compiled compiledSchema = compile(operation, schema);
    for (Error error : compiledSchema.schema().validate(request.body())) {
      problems.add(BODY + "at " + location(error) + ": " + error.getMessage() + "; Zoom's rule there: "
          + error.getKeyword() + " " + brief(error.getSchemaNode()));
    }
    undeclaredFields(compiledSchema.inlined(), request.body(), "", problems);
  }

  /** Reports every object field of {@code value} that {@code schema} does not declare, at any depth. */
  private static void undeclaredFields(JsonNode schema, JsonNode value, String pointer, List<String> problems) {
    if (value.isObject()) {
      Map<String, JsonNode> properties = new LinkedHashMap<>();
      // A schema that declares no properties at all describes a free-form object.
      boolean open = collectProperties(schema, properties) || properties.isEmpty();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        JsonNode property = properties.get(field.getKey());
        if (property != null) {
          undeclaredFields(property, field.getValue(), child, problems);
        } else if (!open) {
          problems.add(BODY + "the field " + child + " is not declared by Zoom's request schema (declared there: "
              + properties.keySet() + ")");
        }
      }
    } else if (value.isArray()) {
      JsonNode items = items(schema);
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          undeclaredFields(items, value.get(i), pointer + "/" + i, problems);
        }
      }
    }
  }

  /**
   * Collects the properties {@code schema} and its allOf/anyOf/oneOf members declare.
   *
   * @return whether any of them leaves the object open with additionalProperties true or a schema
   */
  private static boolean collectProperties(JsonNode schema, Map<String, JsonNode> properties) {
    JsonNode additional = schema.get("additionalProperties");
    boolean open = additional != null && !(additional.isBoolean() && !additional.booleanValue());
    schema.path("properties").properties().forEach(p -> properties.putIfAbsent(p.getKey(), p.getValue()));
    for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode member : schema.path(combiner)) {
        open |= collectProperties(member, properties);
      }
    }
    return open;
  }

  private static JsonNode items(JsonNode schema) {
    if (schema.has("items")) {
      return schema.get("items");
    }
    for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode member : schema.path(combiner)) {
        JsonNode items = items(member);
        if (items != null) {
          return items;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------------------------

  private Compiled compile(ApiOperation operation, JsonNode schema) {
    return compiled.computeIfAbsent(schema, s -> {
      JsonNode inlined = Schemas.inline(operation.root(), s);
      return new Compiled(inlined, registry.getSchema(inlined));
    });
  }

  private static String location(Error error) {
    String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    return location.isEmpty() ? "/" : location;
  }

  /** A schema without its prose (description, example, x- extensions), to show Zoom's rule in a message. */
  private static String brief(JsonNode schema) {
    if (schema == null) {
      return "?";
    }
    JsonNode shown = withoutProse(schema);
    String text = shown.toString();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static JsonNode withoutProse(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode copy = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String key = entry.getKey();
      if (key.equals("properties") && entry.getValue().isObject()) {
        ObjectNode properties = copy.putObject(key);
        entry.getValue().properties().forEach(p -> properties.set(p.getKey(), withoutProse(p.getValue())));
      } else if (!key.equals("description") && !key.equals("example") && !key.startsWith("x-")) {
        copy.set(key, withoutProse(entry.getValue()));
      }
    }
    return copy;
  }

  private static String quoted(String value) {
    return NODES.stringNode(value).toString();
  }
}
