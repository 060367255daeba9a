package dev.patchbay.engine.schema;

import com.networknt.schema.Schema;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A compiled schema for documents validated over and over (every activity's input and output): a document a quick
 * check finds certainly valid costs no networknt validation; any other is validated by networknt, so its violations
 * and their messages are exactly what {@link JsonSchemas#validate} gives.
 */
public final class ScreenedSchema {

  private final Schema schema;
  private final Optional<QuickValidity> quick;

  private ScreenedSchema(Schema schema, Optional<QuickValidity> quick) {
    this.schema = schema;
    this.quick = quick;
  }

  /**
   * Compiles {@code schema}.
   *
   * @throws InvalidSchemaException as {@link JsonSchemas#compile(JsonNode)}
   */
  public static ScreenedSchema compile(JsonNode schema) throws InvalidSchemaException {
    return new ScreenedSchema(JsonSchemas.compile(schema), QuickValidity.of(schema));
  }

  /** Every violation of {@code document}, in document order; empty when it is valid. */
  public List<SchemaViolation> validate(JsonNode document) {
    if (quick.isPresent() && quick.get().certainlyValid(document)) {
      return List.of();
    }
    return JsonSchemas.validate(schema, document);
  }

  /** Whether valid documents skip networknt: the schema uses only keywords the quick check knows. */
  boolean screened() {
    return quick.isPresent();
  }
}
