package dev.patchbay.engine.workflows.definition;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.schema.InvalidSchemaException;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The JSON Schema of workflow files ({@code workflow.schema.json}, shipped in the engine jar). */
public final class WorkflowSchema {

  /** Where the schema is on the classpath; editors can be pointed at the same file. */
  public static final String RESOURCE = "/dev/patchbay/engine/workflows/workflow.schema.json";

  /** Keywords that name a member of the object they are reported on; the member's own line is the better place. */
  private static final Set<String> MEMBER_KEYWORDS = Set.of("additionalProperties", "unevaluatedProperties",
      "propertyNames", "dependentRequired");

  private static final Schema SCHEMA = compile(load());

  private WorkflowSchema() {}

  /** Every way the tree breaks the schema, in document order, located at the member concerned. */
  public static List<SchemaViolation> violations(JsonNode root) {
    return SCHEMA.validate(root).stream().map(WorkflowSchema::toViolation).toList();
  }

  private static SchemaViolation toViolation(Error error) {
    String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    if (MEMBER_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
      pointer = pointer + SourceDocument.segment(error.getProperty());
    }
    return new SchemaViolation(pointer, error.getMessage());
  }

  private static JsonNode load() {
    try (InputStream in = WorkflowSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the engine jar");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema compile(JsonNode document) {
    try {
      return JsonSchemas.compile(document);
    } catch (InvalidSchemaException e) {
      throw new IllegalStateException("the shipped workflow schema does not compile: " + e.getMessage(), e);
    }
  }
}
