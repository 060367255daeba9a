package dev.patchbay.engine.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.testing.Definitions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The error format's pointer lists, and what {@code definitions validate} warns about. */
class DefinitionWarningsTest {

  private final DefinitionReader reader = new DefinitionReader();

  private ConnectorDefinition read(Consumer<ObjectNode> edit) throws InvalidDefinitionException {
    return reader.read("test.json", Definitions.echoWith(edit).getBytes(StandardCharsets.UTF_8));
  }

  /** The echo definition connected with a pasted key instead of OAuth: no token endpoint to read codes from. */
  private static void pastedKey(ObjectNode definition, String in) {
    definition.set("authTypes", Json.MAPPER.readTree("""
        [{"id": "key", "kind": "api-key", "displayName": "Key", "description": "A pasted key.",
          "apiKey": {"in": "%s", "name": "api_key"},
          "fields": {"type": "object", "properties": {"key": {"type": "string", "writeOnly": true}}}}]
        """.formatted(in)));
  }

  @Test
  void pointersAreOneOrAListAndTheFirstPresentIsUsedInOrder() throws Exception {
    ConnectorDefinition definition = read(echo -> echo.set("errorFormat", Json.MAPPER.readTree("""
        {"codePointer": ["/error/code", "/code"], "messagePointer": "/message",
         "byStatus": {"422": {"messagePointer": ["/errors/0/message", "/message"]}}}
        """)));

    ErrorFormat format = definition.errorFormat();
    assertEquals(List.of("/error/code", "/code"), format.pointers(404).codePointers());
    assertEquals(List.of("/message"), format.pointers(404).messagePointers());
    assertEquals(List.of("/errors/0/message", "/message"), format.pointers(422).messagePointers());
    assertEquals(List.of("/error/code", "/code"), format.pointers(422).codePointers(), "falls back per field");
  }

  @Test
  void withoutAnErrorFormatNothingIsReadFromErrorBodies() throws Exception {
    ConnectorDefinition definition = read(echo -> echo.remove("errorFormat"));

    assertEquals(ErrorFormat.NONE, definition.errorFormat());
    assertEquals(List.of(), definition.errorFormat().pointers(400).codePointers());
  }

  @Test
  void anEmptyPointerListIsRefused() {
    InvalidDefinitionException refused = org.junit.jupiter.api.Assertions.assertThrows(
        InvalidDefinitionException.class,
        () -> read(echo -> echo.set("errorFormat", Json.MAPPER.readTree("{\"codePointer\": []}"))));

    assertTrue(refused.problems().stream().anyMatch(problem -> problem.toString().contains("/errorFormat/codePointer")),
        refused.problems().toString());
  }

  @Test
  void rowsThatNoPointerCanReachAreWarnedAbout() throws Exception {
    ConnectorDefinition definition = read(echo -> {
      pastedKey(echo, "header");
      echo.set("errorFormat", Json.MAPPER.readTree("{\"byStatus\": {\"404\": {\"codePointer\": \"/code\"}}}"));
      echo.set("errors", Json.MAPPER.readTree("""
          [{"providerCode": "gone", "httpStatus": 404, "code": "NOT_FOUND", "remediation": "Check the id."},
           {"providerCode": "busy", "httpStatus": 409, "code": "UPSTREAM_ERROR", "remediation": "Later."},
           {"messagePattern": "(?i)quota", "code": "LIMIT_EXCEEDED", "remediation": "Tomorrow."}]
          """));
    });

    assertEquals(List.of(
        "/errors/1: can never match: it names providerCode 'busy' but errorFormat has no codePointer for status "
            + "409, so no code is read from error answers",
        "/errors/2: can never match: it has a messagePattern but errorFormat has no messagePointer, so no message "
            + "is read from error answers"), DefinitionWarnings.of(definition));
  }

  @Test
  void rowsForTokenEndpointErrorsNeedNoPointer() throws Exception {
    // echo signs in with a token endpoint, whose errors carry their code and message as OAuth says.
    ConnectorDefinition definition = read(echo -> echo.remove("errorFormat"));

    assertEquals(List.of(), DefinitionWarnings.of(definition));
  }

  @Test
  void anApiKeyInTheQueryIsWarnedAbout() throws Exception {
    ConnectorDefinition definition = read(echo -> {
      pastedKey(echo, "query");
      echo.set("errors", Json.MAPPER.createArrayNode());
    });

    List<String> warnings = DefinitionWarnings.of(definition);

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("/authTypes/0/apiKey: the key of 'key' goes in the query parameter "
        + "'api_key', so it is part of every request's URL"), warnings.get(0));
    assertEquals(List.of(), DefinitionWarnings.of(read(echo -> pastedKey(echo, "header"))));
  }
}
