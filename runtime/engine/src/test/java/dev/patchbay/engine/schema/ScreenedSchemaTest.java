package dev.patchbay.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The quick check never changes a verdict: every document gets exactly networknt's violations, whether the quick
 * check found it valid or left it to networknt.
 */
class ScreenedSchemaTest {

  private static final String SCHEMA = """
      {"type": "object", "description": "every keyword the quick check knows",
       "required": ["id", "tags"],
       "additionalProperties": false,
       "properties": {
         "id": {"type": "string", "minLength": 2, "maxLength": 4, "format": "email"},
         "count": {"type": "integer", "minimum": 1, "maximum": 10, "format": "int64"},
         "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
         "kind": {"enum": ["a", "b", 3]},
         "fixed": {"const": {"x": [1]}},
         "maybe": {"type": ["string", "null"]},
         "tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}},
         "extra": {"type": "object", "additionalProperties": {"type": "boolean"}},
         "open": {"type": "object", "properties": {"n": {"type": "integer"}}},
         "anything": true
       }}""";

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\": \"ab\", \"tags\": [\"t\"]}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 10, \"ratio\": 0.5, \"kind\": 3, \"fixed\": {\"x\": [1]},"
          + " \"maybe\": null, \"extra\": {\"on\": true}, \"open\": {\"n\": 1, \"other\": \"x\"}, \"anything\": [{}]}",
      "{\"id\": \"x y\", \"tags\": [\"t\"]}",
      "{\"id\": \"\uD83D\uDE00\uD83D\uDE00\", \"tags\": [\"t\"]}",
      "{\"id\": \"a\", \"tags\": [\"t\"]}",
      "{\"id\": \"abcde\", \"tags\": [\"t\"]}",
      "{\"id\": \"ab\"}",
      "{\"id\": \"ab\", \"tags\": []}",
      "{\"id\": \"ab\", \"tags\": [\"t\", \"u\", \"v\"]}",
      "{\"id\": \"ab\", \"tags\": [1]}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"unknown\": 1}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 0}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 11}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 2.0}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 2.5}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 123456789012345678901234567890}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"ratio\": 1}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"ratio\": 0}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"kind\": \"c\"}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"kind\": 3.0}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"fixed\": {\"x\": [2]}}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"maybe\": 1}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"extra\": {\"on\": \"yes\"}}",
      "{\"id\": \"ab\", \"tags\": [\"t\"], \"open\": {\"n\": \"1\"}}",
      "{\"id\": 5, \"tags\": \"t\"}",
      "[]",
      "null"})
  void everyDocumentGetsNetworkntsVerdict(String document) throws Exception {
    JsonNode schema = Json.MAPPER.readTree(SCHEMA);
    ScreenedSchema screened = ScreenedSchema.compile(schema);
    JsonNode parsed = Json.MAPPER.readTree(document);

    assertTrue(screened.screened(), "every keyword of the schema is one the quick check knows");
    assertEquals(JsonSchemas.validate(JsonSchemas.compile(schema), parsed), screened.validate(parsed));
  }

  @Test
  void theDocumentsItCallsValidAreValid() throws Exception {
    QuickValidity quick = QuickValidity.of(Json.MAPPER.readTree(SCHEMA)).orElseThrow();

    assertTrue(quick.certainlyValid(Json.MAPPER.readTree("{\"id\": \"xy\", \"tags\": [\"t\"]}")),
        "a format only annotates");
    assertFalse(quick.certainlyValid(Json.MAPPER.readTree("{\"id\": \"ab\", \"tags\": [\"t\"], \"count\": 2.0}")),
        "an integral fraction is left to networknt");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"type\": \"string\"}}}",
      "{\"anyOf\": [{\"type\": \"string\"}]}",
      "{\"properties\": {\"a\": {\"pattern\": \"^x\"}}}",
      "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"format\": \"email\"}",
      "{\"type\": \"object\", \"x-vendor\": 1}",
      "{\"items\": [{\"type\": \"string\"}]}",
      "{\"type\": \"float\"}"})
  void aSchemaWithAKeywordItDoesNotKnowIsLeftToNetworknt(String schema) throws Exception {
    assertEquals(Optional.empty(), QuickValidity.of(Json.MAPPER.readTree(schema)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"zoom", "github", "slack"})
  void theShippedConnectorsExamplesGetTheSameVerdict(String connector) throws Exception {
    JsonNode definition = Json.MAPPER.readTree(Files.readString(Path.of("../../connector-defs/" + connector
        + ".json")));
    int screened = 0;
    for (JsonNode operation : definition.path("operations")) {
      for (String side : List.of("input", "output")) {
        if (operation.path(side).toString().contains("$ref")) {
          continue; // the definition reader resolves shared schemas first; not this test's business
        }
        ScreenedSchema schema = ScreenedSchema.compile(operation.path(side));
        screened += schema.screened() ? 1 : 0;
        for (JsonNode example : operation.path("examples")) {
          JsonNode document = example.path(side);
          if (!document.isMissingNode()) {
            assertEquals(JsonSchemas.validate(JsonSchemas.compile(operation.path(side)), document),
                schema.validate(document), operation.path("id").stringValue() + " " + side);
          }
        }
      }
    }
    assertTrue(screened > 0, "some of " + connector + "'s schemas are screened");
  }
}
