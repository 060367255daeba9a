package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.schema.JsonSchemas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock sandbox of a declarative connector, over every operation of GitHub's and Slack's definitions: each
 * answers its first example through the real request path (credential, identify, output extraction), and the output
 * passes the operation's output schema.
 */
class MockSandboxTest {

  @TempDir
  Path home;

  private DeclarativeWorld world;

  @BeforeEach
  void start() {
    world = new DeclarativeWorld(home, "github.json", "slack.json");
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "slack"})
  void everyOperationServesItsExampleAndPassesItsOutputSchema(String connectorId) throws Exception {
    SandboxSession session = world.runtime.openSandbox(connectorId,
        world.runtime.defaultSandboxAuthType(connectorId), SandboxOptions.defaults());
    CatalogEntry entry = world.runtime.catalog().connector(connectorId).orElseThrow();
    assertFalse(entry.definition().operations().isEmpty());
    for (OperationDefinition operation : entry.definition().operations()) {
      ActivityResult result = world.runtime.activities().run(connectorId + "/" + operation.id(),
          session.connection().name(), minimalInput(operation.input()));
      JsonNode example = operation.examples().get(0).output();
      if (operation.paginated()) {
        String items = operation.http().output().itemsProperty();
        assertEquals(example.get(items), result.output().get(items), operation.id());
      } else {
        assertEquals(example, result.output(), operation.id());
      }
      assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.compile(operation.output()), result.output()),
          operation.id());
    }
  }

  @Test
  void connectorsOfOneRunEachGetTheirOwnSandboxWithAGeneratedKey() throws Exception {
    SandboxSession github = world.runtime.openSandbox("github", "token", SandboxOptions.defaults());
    SandboxSession slack = world.runtime.openSandbox("slack", "bot-token", SandboxOptions.defaults());
    assertFalse(github.running().baseUrl().equals(slack.running().baseUrl()));
    assertEquals(github, world.runtime.sandbox("github").orElseThrow());
    assertEquals(slack, world.runtime.sandbox("slack").orElseThrow());
    // Both connections live in the one sandbox store: a workflow across connectors finds each.
    assertEquals("github", world.runtime.connections().get(github.connection().name()).connectorId());
    assertEquals("slack", world.runtime.connections().get(slack.connection().name()).connectorId());
    assertEquals("sandbox-user", slack.connection().identity().userId());
    Set<String> declared = world.runtime.catalog().connector("slack").orElseThrow().definition().scopes().stream()
        .map(ScopeDefinition::name).collect(Collectors.toSet());
    assertEquals(declared, slack.connection().grantedScopes(), "the sandbox user has every scope");
    assertThrows(IllegalStateException.class,
        () -> world.runtime.openSandbox("slack", "bot-token", SandboxOptions.defaults()));
  }

  @Test
  void aRequestWithoutTheGeneratedKeyIsRefused() throws Exception {
    SandboxSession github = world.runtime.openSandbox("github", "token", SandboxOptions.defaults());
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(github.running().baseUrl() + "/repos/octocat/Hello-World")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, response.statusCode());
  }

  @Test
  void oauthAuthTypesAreNotEmulatedAndTheDefaultIsAPastedSecret() throws Exception {
    assertEquals("token", world.runtime.defaultSandboxAuthType("github"));
    assertEquals("bot-token", world.runtime.defaultSandboxAuthType("slack"));
    ConnectorException refused = assertThrows(ConnectorException.class,
        () -> world.runtime.openSandbox("github", "oauth", SandboxOptions.defaults()));
    assertTrue(refused.getMessage().contains("emulates no OAuth endpoints; connect with token"),
        refused.getMessage());
    assertTrue(world.runtime.sandbox("github").isEmpty());
  }

  @Test
  void aSeedFileIsRefusedAsTheUsersInputNotAsAPluginFault() throws Exception {
    ConnectorException refused = assertThrows(ConnectorException.class, () -> world.runtime.startSandbox("github",
        new SandboxOptions(0, java.nio.file.Path.of("seed.json"), null, true)));

    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
    assertEquals("the github sandbox: the mock sandbox of github takes no seed file: it answers with the examples "
        + "of its definition's operations", refused.getMessage());
  }

  /** An input with each required property set to a value its schema accepts. */
  private static ObjectNode minimalInput(JsonNode schema) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    for (JsonNode required : schema.path("required")) {
      String name = required.asString();
      input.set(name, valueFor(schema.path("properties").path(name)));
    }
    return input;
  }

  private static JsonNode valueFor(JsonNode property) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (property.has("enum")) {
      return property.get("enum").get(0);
    }
    JsonNode type = property.path("type");
    String first = type.isArray() ? type.get(0).asString() : type.asString("string");
    return switch (first) {
      case "integer", "number" -> json.numberNode(Math.max(1, property.path("minimum").asInt(1)));
      case "boolean" -> json.booleanNode(true);
      case "array" -> json.arrayNode().add(valueFor(property.path("items")));
      case "object" -> minimalInput(property);
      default -> json.stringNode("email".equals(property.path("format").asString("")) ? "ada@example.com"
          : "sandbox");
    };
  }
}
