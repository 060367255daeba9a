package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's official OpenAPI document (Swagger 2.0, read from {@code slack.openapi.dir}, by default
 * ../shared/slack/openapi relative to the repository root; never copied into the repository): the answers a test
 * serves must pass the method's documented response schema, and the requests Patchbay sends may carry only the
 * method's documented parameters, the required ones included. When the document is absent the checks are not made
 * and the tests that use them still run; {@link #assumePresent} skips the one test that says so.
 */
final class SlackOpenApi {

  private static final Path FILE = Path.of(System.getProperty("slack.openapi.dir", "../../../shared/slack/openapi"),
      "slack_web_openapi_v2.json");
  private static final SchemaRegistry DRAFT_4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  /** Null when the document is absent. */
  private final JsonNode document;

  private SlackOpenApi(JsonNode document) {
    this.document = document;
  }

  /** The document, or checks that are not made when it is absent. */
  static SlackOpenApi load() {
    if (!Files.isRegularFile(FILE)) {
      return new SlackOpenApi(null);
    }
    try {
      return new SlackOpenApi(Json.MAPPER.readTree(Files.readAllBytes(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the calling test, with the one message saying the checks against the document were not made. */
  void assumePresent() {
    Assumptions.assumeTrue(document != null, "Slack's OpenAPI document is not at " + FILE.toAbsolutePath()
        + " (set -Dslack.openapi.dir); the Slack tests' checks of requests and answers against it were not made");
  }

  /** Fails unless the document has the method with this HTTP verb. */
  void assertMethod(String method, String verb) {
    JsonNode path = document.path("paths").path("/" + method);
    assertTrue(path.has(verb.toLowerCase(java.util.Locale.ROOT)), "Slack documents no " + verb + " " + method);
  }

  private JsonNode operation(String method) {
    JsonNode path = document.path("paths").path("/" + method);
    JsonNode operation = path.has("post") ? path.path("post") : path.path("get");
    assertTrue(operation.isObject(), "Slack's OpenAPI document has no method " + method);
    return operation;
  }

  /** Fails unless {@code answer} passes the method's documented success (ok) or error (default) schema. */
  void assertAnswer(String method, String answer) {
    if (document == null) {
      return;
    }
    JsonNode body = Json.MAPPER.readTree(answer);
    String which = body.path("ok").asBoolean() ? "200" : "default";
    ObjectNode schema = ((ObjectNode) operation(method).path("responses").path(which).path("schema")).deepCopy();
    schema.set("definitions", document.path("definitions"));
    Schema compiled = DRAFT_4.getSchema(schema);
    List<String> problems = compiled.validate(body).stream().map(Object::toString).toList();
    assertEquals(List.of(), problems, method + " answer " + answer + " breaks Slack's " + which + " schema");
  }

  /** Fails unless every parameter sent is documented for the method, and every required one is sent. */
  void assertParameters(String method, Set<String> sent) {
    if (document == null) {
      return;
    }
    Set<String> documented = new HashSet<>();
    Set<String> required = new HashSet<>();
    for (JsonNode parameter : operation(method).path("parameters")) {
      if (parameter.path("name").asString().equals("token")) {
        continue; // Patchbay sends the token in the Authorization header, as Slack recommends.
      }
      documented.add(parameter.path("name").asString());
      if (parameter.path("required").asBoolean(false)) {
        required.add(parameter.path("name").asString());
      }
    }
    Set<String> unknown = new HashSet<>(sent);
    unknown.removeAll(documented);
    assertEquals(Set.of(), unknown, method + " sent parameters Slack does not document");
    Set<String> missing = new HashSet<>(required);
    missing.removeAll(sent);
    assertEquals(Set.of(), missing, method + " did not send required parameters");
  }
}
