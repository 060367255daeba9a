package dev.patchbay.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** JSON Schema 2020-12 compilation and validation, with violations located by JSON pointer. */
public final class JsonSchemas {

  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /**
   * Schemas come from plugins' definitions, so they are untrusted: a {@code $ref} to a URL is never fetched (no
   * request to an address a plugin chose); only the bundled meta-schemas and the document itself resolve.
   */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12,
      builder -> builder
          .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
          .schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));

  private JsonSchemas() {}

  /**
   * Compiles a schema document.
   *
   * @throws InvalidSchemaException when the schema cannot be compiled (an unresolvable {@code $ref}, a bad keyword
   *     value)
   */
  public static Schema compile(JsonNode schema) throws InvalidSchemaException {
    try {
      Schema compiled = REGISTRY.getSchema(schema);
      compiled.initializeValidators();
      return compiled;
    } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidSchemaException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Compiles a schema found at a location the registry can load (a resource it knows by {@code $id}). */
  public static Schema compile(SchemaLocation location, JsonNode schema) {
    Schema compiled = REGISTRY.getSchema(location, schema);
    compiled.initializeValidators();
    return compiled;
  }

  /** Every violation of {@code document} against {@code schema}, in document order. */
  public static List<SchemaViolation> validate(Schema schema, JsonNode document) {
    return schema.validate(document).stream().map(JsonSchemas::toViolation).toList();
  }

  /** Every way in which {@code schema} is not a valid JSON Schema 2020-12 document; empty when it is one. */
  public static List<SchemaViolation> checkSchema(JsonNode schema) {
    List<SchemaViolation> violations = validate(META_SCHEMA, schema);
    if (!violations.isEmpty()) {
      return violations;
    }
    try {
      compile(schema);
      return List.of();
    } catch (InvalidSchemaException e) {
      return List.of(new SchemaViolation("", e.getMessage()));
    }
  }

  private static SchemaViolation toViolation(Error error) {
    String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    return new SchemaViolation(pointer, error.getMessage());
  }
}
