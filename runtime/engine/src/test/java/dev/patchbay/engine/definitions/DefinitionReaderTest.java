package dev.patchbay.engine.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.testing.Definitions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class DefinitionReaderTest {

  private final DefinitionReader reader = new DefinitionReader();

  private List<DefinitionProblem> problems(String text) {
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> reader.read("test.json", text.getBytes(StandardCharsets.UTF_8)));
    return e.problems();
  }

  private List<DefinitionProblem> problemsAfter(Consumer<ObjectNode> edit) {
    return problems(Definitions.echoWith(edit));
  }

  private static ObjectNode operation(ObjectNode definition) {
    return (ObjectNode) definition.get("operations").get(0);
  }

  @Test
  void readsAValidDefinition() throws Exception {
    ConnectorDefinition definition = reader.read("echo.json", Definitions.echoText().getBytes(StandardCharsets.UTF_8));

    assertEquals("echo", definition.id());
    assertEquals("1.0.0", definition.version());
    OperationDefinition operation = definition.operation("messages.echo").orElseThrow();
    assertEquals(List.of(List.of("messages:read")), operation.requiredScopes());
    assertTrue(operation.idempotent());
    AuthTypeDefinition token = definition.authType("token").orElseThrow();
    assertEquals(AuthTypeDefinition.Kind.OAUTH2_CLIENT_CREDENTIALS, token.kind());
    assertEquals(List.of(
        new FieldDefinition("clientId", "clientId", "The app's client ID", true, false),
        new FieldDefinition("clientSecret", "clientSecret", "", true, true)), token.fieldList());
    assertEquals(new ErrorMapping("404", null, null, null, ErrorCode.NOT_FOUND, "Check the id."), definition.errors().get(0));
    assertEquals(new RateLimitDefinition(10, "second", null), definition.rateLimitCategories().get("light"));
    assertEquals(Definitions.echo(), definition.document());
  }

  @Test
  void badJsonNamesLineAndColumn() {
    List<DefinitionProblem> problems = problems("{\n  \"id\": \"echo\",\n  \"name\": }");

    assertEquals(1, problems.size());
    assertEquals("line 3, column 11", problems.get(0).pointer());
    assertTrue(problems.get(0).message().startsWith("not valid JSON: Unexpected character ('}'"),
        problems.get(0).message());
  }

  @Test
  void duplicateKeysAreRejected() {
    List<DefinitionProblem> problems = problems("{\"id\": \"echo\", \"id\": \"other\"}");

    assertEquals("not valid JSON: Duplicate Object property \"id\"", problems.get(0).message());
  }

  @Test
  void emptyFile() {
    assertEquals("empty file: a definition is a JSON object", problems("").get(0).message());
  }

  @Test
  void missingFieldsAreAllReported() {
    List<DefinitionProblem> problems = problemsAfter(d -> {
      d.remove("name");
      d.remove("operations");
    });

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.pointer().isEmpty()), problems.toString());
    assertTrue(problems.get(0).message().contains("name"), problems.toString());
    assertTrue(problems.get(1).message().contains("operations"), problems.toString());
  }

  @Test
  void unknownTopLevelField() {
    List<DefinitionProblem> problems = problemsAfter(d -> d.put("operaions", 1));

    assertEquals(1, problems.size());
    assertTrue(problems.get(0).message().contains("operaions"), problems.toString());
  }

  @Test
  void nonSemverVersion() {
    List<DefinitionProblem> problems = problemsAfter(d -> d.put("version", "1.0"));

    assertEquals("/version", problems.get(0).pointer());
  }

  @Test
  void invalidNestedInputSchema() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) operation(d).get("input").get("properties")
        .get("text")).put("type", "strnig"));

    assertTrue(problems.size() >= 1);
    assertEquals("/operations/0/input/properties/text/type", problems.get(0).pointer());
    assertTrue(problems.get(0).message().startsWith("not a valid JSON Schema: "), problems.toString());
  }

  @Test
  void invalidNestedOutputSchema() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) operation(d).get("output"))
        .put("required", "text"));

    assertEquals("/operations/0/output/required", problems.get(0).pointer());
  }

  @Test
  void duplicateOperationIds() {
    List<DefinitionProblem> problems = problemsAfter(d -> {
      ArrayNode operations = (ArrayNode) d.get("operations");
      operations.add(operations.get(0).deepCopy());
    });

    assertEquals(List.of(new DefinitionProblem("test.json", "/operations/1/id",
        "duplicate operation id 'messages.echo' (first at /operations/0)")), problems);
  }

  @Test
  void operationRequiringAnUndeclaredScope() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ArrayNode) operation(d).get("requiredScopes"))
        .addArray().add("messages:write"));

    assertEquals(List.of(new DefinitionProblem("test.json", "/operations/0/requiredScopes/1/0",
        "operation 'messages.echo' requires scope 'messages:write', which is not declared in /scopes")), problems);
  }

  @Test
  void unknownAuthKind() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .put("kind", "basic-auth"));

    assertEquals("/authTypes/0/kind", problems.get(0).pointer());
    assertTrue(problems.get(0).message().contains("oauth2-authorization-code"), problems.toString());
  }

  @Test
  void authorizationCodeNeedsAnAuthorizeUrl() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .put("kind", "oauth2-authorization-code"));

    assertEquals("/authTypes/0", problems.get(0).pointer());
    assertTrue(problems.get(0).message().contains("authorizeUrl"), problems.toString());
  }

  /** A sign-in keeps PKCE unless its definition says "pkce": false; a client-credentials app has no sign-in. */
  @Test
  void anAuthorizationCodeWithoutAPkceFieldUsesPkce() throws Exception {
    Function<Consumer<ObjectNode>, AuthTypeDefinition> read = edit -> {
      try {
        return reader.read("echo.json", Definitions.echoWith(d -> {
          ObjectNode authType = ((ObjectNode) d.get("authTypes").get(0)).put("kind", "oauth2-authorization-code")
              .put("authorizeUrl", "https://echo.example.test/oauth/authorize");
          authType.remove("pkce");
          edit.accept(authType);
        }).getBytes(StandardCharsets.UTF_8)).authTypes().get(0);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };

    assertTrue(read.apply(authType -> { }).usesPkce());
    assertTrue(read.apply(authType -> authType.put("pkce", true)).usesPkce());
    assertFalse(read.apply(authType -> authType.put("pkce", false)).usesPkce());
    assertFalse(reader.read("echo.json", Definitions.echoText().getBytes(StandardCharsets.UTF_8)).authTypes().get(0)
        .usesPkce(), "client credentials: no sign-in");
  }

  /** Zoom's one-authorization rule speaks of sign-ins: a client-credentials app has no user to supersede. */
  @Test
  void oneAuthorizationPerUserOnlyForAuthorizationCode() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .put("oneAuthorizationPerUser", true));

    assertEquals(1, problems.size(), problems.toString());
    assertEquals("/authTypes/0", problems.get(0).pointer());
  }

  @Test
  void baseUrlFieldOnlyForAuthTypesWithATokenEndpoint() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .put("kind", "bearer-token").put("baseUrlField", "api_url").remove(List.of("tokenUrl", "clientCredentials")));

    assertEquals(1, problems.size(), problems.toString());
    assertEquals("/authTypes/0", problems.get(0).pointer());
  }

  /** Client refusal codes belong to a token endpoint: an empty list or a pasted credential's is refused. */
  @Test
  void clientRefusedErrorsOnlyForAuthTypesWithATokenEndpointAndNeverEmpty() {
    List<DefinitionProblem> empty = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .putArray("clientRefusedErrors"));
    List<DefinitionProblem> pasted = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0))
        .put("kind", "bearer-token").remove(List.of("tokenUrl", "clientCredentials"))
        .putArray("clientRefusedErrors").add("bad_client_secret"));

    assertEquals("/authTypes/0/clientRefusedErrors", empty.get(0).pointer(), empty.toString());
    assertEquals(1, pasted.size(), pasted.toString());
    assertEquals("/authTypes/0", pasted.get(0).pointer());
  }

  @Test
  void clientSecretMustBeMarkedSecret() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("authTypes").get(0).get("fields")
        .get("properties").get("clientSecret")).remove("writeOnly"));

    assertEquals(List.of(new DefinitionProblem("test.json", "/authTypes/0/fields/properties/clientSecret",
        "'clientSecret' is a secret and must be marked \"writeOnly\": true")), problems);
  }

  @Test
  void undeclaredRateLimitCategory() {
    List<DefinitionProblem> problems = problemsAfter(d -> operation(d).put("rateLimitCategory", "heavy"));

    assertEquals(List.of(new DefinitionProblem("test.json", "/operations/0/rateLimitCategory",
        "rate-limit category 'heavy' is not declared in /rateLimitCategories [light]")), problems);
  }

  @Test
  void paginatedOperationNeedsPagination() {
    List<DefinitionProblem> problems = problemsAfter(d -> operation(d).put("paginated", true));

    assertEquals("/operations/0", problems.get(0).pointer());
    assertTrue(problems.get(0).message().contains("pagination"), problems.toString());
  }

  @Test
  void invalidErrorPattern() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("errors").get(0))
        .put("messagePattern", "daily ("));

    assertEquals("/errors/0/messagePattern", problems.get(0).pointer());
    assertTrue(problems.get(0).message().startsWith("not a valid regular expression: "), problems.toString());
  }

  @Test
  void unknownPatchbayErrorCode() {
    List<DefinitionProblem> problems = problemsAfter(d -> ((ObjectNode) d.get("errors").get(0)).put("code", "OOPS"));

    assertEquals("/errors/0/code", problems.get(0).pointer());
  }

  @Test
  void readsFilesAndReportsMissingOnes(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("echo.json");
    Files.writeString(file, Definitions.echoText());
    assertEquals("echo", reader.read(file).id());

    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> reader.read(folder.resolve("nope.json")));
    assertEquals(List.of(new DefinitionProblem(folder.resolve("nope.json").toString(), "", "file not found")),
        e.problems());
  }
}
