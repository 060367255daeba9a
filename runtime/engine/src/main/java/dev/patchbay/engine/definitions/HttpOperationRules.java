package dev.patchbay.engine.definitions;

import com.networknt.schema.Schema;
import dev.patchbay.engine.schema.InvalidSchemaException;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;

/**
 * The load rules of shared schemas and declarative operations that the meta-schema cannot express: every
 * {@code $ref} of an operation schema names a {@code $defs} entry; every template placeholder names an input
 * property (a path's must be required, since a path cannot leave a segment out); a paginated declarative operation
 * names the output property of its items; every example answer passes the output schema.
 */
final class HttpOperationRules {

  private final JsonNode document;
  private final BiConsumer<String, String> problems;
  private final Map<String, JsonNode> shared = new HashMap<>();

  HttpOperationRules(JsonNode document, BiConsumer<String, String> problems) {
    this.document = document;
    this.problems = problems;
    document.path("$defs").properties().forEach(entry -> shared.put(entry.getKey(), entry.getValue()));
  }

  void check() {
    JsonNode operations = document.path("operations");
    for (int i = 0; i < operations.size(); i++) {
      JsonNode operation = operations.get(i);
      String pointer = "/operations/" + i;
      checkRefs(pointer + "/input", operation.path("input"));
      checkRefs(pointer + "/output", operation.path("output"));
      JsonNode http = operation.path("http");
      if (!http.isMissingNode()) {
        checkHttp(pointer, operation, http);
      }
      checkExamples(pointer, operation);
    }
    shared.forEach((name, schema) -> checkRefs("/$defs/" + name, schema));
  }

  private void checkRefs(String pointer, JsonNode schema) {
    if (schema.isObject()) {
      JsonNode ref = schema.path("$ref");
      if (ref.isString()) {
        String target = ref.asString();
        if (!target.startsWith("#/$defs/") || !shared.containsKey(target.substring("#/$defs/".length()))) {
          problems.accept(pointer + "/$ref", "'" + target + "' names no entry of the definition's $defs "
              + shared.keySet() + "; only #/$defs/NAME references are allowed");
        }
      }
      schema.properties().forEach(member -> {
        if (!member.getKey().equals("$ref") && !member.getKey().equals("const") && !member.getKey().equals("enum")
            && !member.getKey().equals("default") && !member.getKey().equals("examples")) {
          checkRefs(pointer + "/" + escape(member.getKey()), member.getValue());
        }
      });
    } else if (schema.isArray()) {
      for (int i = 0; i < schema.size(); i++) {
        checkRefs(pointer + "/" + i, schema.get(i));
      }
    }
  }

  private void checkHttp(String pointer, JsonNode operation, JsonNode http) {
    JsonNode input = operation.path("input");
    JsonNode properties = input.path("properties");
    Matcher path = HttpOperation.PLACEHOLDER.matcher(http.path("path").asString());
    while (path.find()) {
      String name = path.group(1);
      boolean required = false;
      for (JsonNode requiredName : input.path("required")) {
        required |= requiredName.asString().equals(name);
      }
      if (!required) {
        problems.accept(pointer + "/http/path", "path placeholder {" + name + "} must be a required top-level "
            + "property of the input (a path cannot leave a segment out)");
      }
    }
    checkTemplates(pointer + "/http/query", http.path("query"), properties);
    checkTemplates(pointer + "/http/headers", http.path("headers"), properties);
    checkTemplates(pointer + "/http/body", http.path("body"), properties);
    boolean paginated = operation.path("paginated").asBoolean(false);
    boolean itemsProperty = http.path("output").has("itemsProperty");
    if (paginated && !itemsProperty) {
      problems.accept(pointer + "/http/output", "a paginated declarative operation must name its output's "
          + "itemsProperty, which holds the items of every page");
    } else if (!paginated && itemsProperty) {
      problems.accept(pointer + "/http/output/itemsProperty", "only a paginated operation collects items");
    }
  }

  /** Every placeholder in {@code node}'s strings names an input property, or is a JSON pointer. */
  private void checkTemplates(String pointer, JsonNode node, JsonNode properties) {
    if (node.isString()) {
      Matcher matcher = HttpOperation.PLACEHOLDER.matcher(node.asString());
      while (matcher.find()) {
        String name = matcher.group(1);
        if (!name.startsWith("/") && !properties.has(name)) {
          problems.accept(pointer, "placeholder {" + name + "} names no property of the input schema");
        }
      }
    } else if (node.isContainer()) {
      if (node.isObject()) {
        node.properties().forEach(member ->
            checkTemplates(pointer + "/" + escape(member.getKey()), member.getValue(), properties));
      } else {
        for (int i = 0; i < node.size(); i++) {
          checkTemplates(pointer + "/" + i, node.get(i), properties);
        }
      }
    }
  }

  private void checkExamples(String pointer, JsonNode operation) {
    JsonNode examples = operation.path("examples");
    if (examples.isEmpty()) {
      return;
    }
    Schema output;
    try {
      output = JsonSchemas.compile(SharedSchemas.with(operation.path("output"), sharedSchemas()));
    } catch (InvalidSchemaException | RuntimeException e) {
      // The output schema's own problem is reported where it is checked.
      return;
    }
    for (int e = 0; e < examples.size(); e++) {
      for (SchemaViolation violation : JsonSchemas.validate(output, examples.get(e).path("output"))) {
        problems.accept(pointer + "/examples/" + e + "/output" + violation.pointer(),
            "the example does not pass the output schema: " + violation.message());
      }
    }
  }

  private Map<String, JsonNode> sharedSchemas() {
    return shared;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
