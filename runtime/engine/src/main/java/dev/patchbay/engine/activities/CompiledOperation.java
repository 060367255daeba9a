package dev.patchbay.engine.activities;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.json.EmbeddedObjects;
import dev.patchbay.engine.schema.InvalidSchemaException;
import dev.patchbay.engine.schema.ScreenedSchema;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One operation's schemas, compiled: input defaults and validation before the run, output validation after. */
final class CompiledOperation {

  private final String name;
  private final ScreenedSchema input;
  private final ScreenedSchema output;
  private final Map<String, JsonNode> defaults;

  private CompiledOperation(String name, ScreenedSchema input, ScreenedSchema output, Map<String, JsonNode> defaults) {
    this.name = name;
    this.input = input;
    this.output = output;
    this.defaults = defaults;
  }

  static CompiledOperation compile(String name, OperationDefinition operation) throws ActivityException {
    try {
      return new CompiledOperation(name, ScreenedSchema.compile(operation.input()),
          ScreenedSchema.compile(operation.output()), topLevelDefaults(operation.input()));
    } catch (InvalidSchemaException e) {
      // The definition's schemas were checked at load, so only a broken plugin can get here.
      throw Failures.of(ErrorCode.PLUGIN_ERROR, "The schemas of " + name + " in its connector definition cannot be "
          + "compiled (" + e.getMessage() + "). Report this to the connector's author.");
    }
  }

  /** The operation's full name, {@code zoom/meetings.create}. */
  String name() {
    return name;
  }

  /** The defaults of the schema's top-level properties: the ones a plugin relies on, such as userId "me". */
  private static Map<String, JsonNode> topLevelDefaults(JsonNode schema) {
    Map<String, JsonNode> defaults = new LinkedHashMap<>();
    schema.path("properties").properties().forEach(property -> {
      if (property.getValue().has("default")) {
        defaults.put(property.getKey(), property.getValue().get("default"));
      }
    });
    return Map.copyOf(defaults);
  }

  /**
   * The input the plugin gets: a copy of {@code given} with defaults for absent top-level properties.
   *
   * @throws ActivityException {@code INVALID_INPUT} listing every violation with its JSON pointer
   */
  JsonNode prepareInput(JsonNode given) throws ActivityException {
    JsonNode prepared = given.deepCopy();
    if (prepared instanceof ObjectNode object) {
      defaults.forEach((property, value) -> {
        if (!object.has(property)) {
          object.set(property, value.deepCopy());
        }
      });
    }
    List<SchemaViolation> violations = input.validate(prepared);
    if (!violations.isEmpty()) {
      throw Failures.violations(ErrorCode.INVALID_INPUT, "The input of " + name + " does not match its schema: "
          + list(violations) + ". Fix the input and run again.", violations);
    }
    return prepared;
  }

  /** @throws ActivityException {@code INVALID_OUTPUT} naming every field that breaks the output schema */
  void checkOutput(JsonNode result, String pluginId) throws ActivityException {
    if (result == null) {
      throw Failures.of(ErrorCode.INVALID_OUTPUT, name + " returned no output. This is a bug in the connector "
          + "plugin " + pluginId + "; report it to its author.");
    }
    Optional<String> embedded = EmbeddedObjects.first(result);
    if (embedded.isPresent()) {
      throw Failures.of(ErrorCode.INVALID_OUTPUT, "The output of " + name + " holds a Java object, not JSON ("
          + embedded.get() + "). This is a bug in the connector plugin " + pluginId + ": it must answer with JSON "
          + "values only; report it to its author.");
    }
    List<SchemaViolation> violations = output.validate(result);
    if (!violations.isEmpty()) {
      throw Failures.violations(ErrorCode.INVALID_OUTPUT, "The output of " + name + " does not match its schema: "
          + list(violations) + ". This is a bug in the connector plugin " + pluginId + " (or the provider changed "
          + "its answers); report it to the plugin's author.", violations);
    }
  }

  private static String list(List<SchemaViolation> violations) {
    return violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; "));
  }
}
