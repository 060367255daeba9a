package dev.patchbay.engine.activities;

import static dev.patchbay.engine.activities.Harness.body;
import static dev.patchbay.engine.activities.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.definitions.OperationDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The runner's checks before and after the plugin runs; none of the refusals may reach the provider. */
class PipelineTest extends RelayTestBase {

  @Test
  void unknownConnectorNamesTheKnownOnes() {
    ActivityError error = harness.failure(
        ActivityCall.of("zoom", "meetings.get", harness.connection, harness.tokens, json("{}")));

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("There is no connector 'zoom'. Known connectors: relay.", error.message());
  }

  @Test
  void aMistypedOperationGetsADidYouMean() {
    ActivityError error = harness.failure("things.creat", "{}");

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertTrue(error.message().startsWith("Connector 'relay' has no operation 'things.creat' (did you mean "
        + "'things.create'?). Its operations: "), error.message());
  }

  @Test
  void unknownOperationListsTheConnectorsOperations() {
    ActivityError error = harness.failure("things.burn", "{}");

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("Connector 'relay' has no operation 'things.burn'. Its operations: things.peek, things.get, "
        + "things.create, things.delete, things.list, files.download, faults.raise.", error.message());
  }

  @Test
  void connectionOfAnotherConnectorIsRefused() {
    var zoomConnection = harness.connection("conn-z", "my-zoom", "zoom", Set.of(), ConnectionStatus.ACTIVE, null);

    ActivityError error = harness.failure(
        ActivityCall.of("relay", "things.get", zoomConnection, harness.tokens, json("{\"id\":\"1\"}")));

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
    assertEquals("Connection 'my-zoom' is a zoom connection; relay/things.get needs a relay connection.",
        error.message());
    assertEquals(0, harness.server.getRequestCount());
  }

  @Test
  void connectionNeedingReauthorizationIsRefusedWithItsReason() {
    harness.connection = harness.connection("conn-1", Harness.ALL_SCOPES, ConnectionStatus.NEEDS_REAUTH,
        "the refresh token was revoked by a newer sign-in");

    ActivityError error = harness.failure("things.get", "{\"id\":\"1\"}");

    assertEquals(ErrorCode.NEEDS_REAUTH, error.code());
    assertEquals("Connection 'work' needs to be reconnected: the refresh token was revoked by a newer sign-in. "
        + "Request a new token with patchbay connections reauth work, then run relay/things.get again.",
        error.message());
    assertEquals(Map.of(ActivityError.REASON, "the refresh token was revoked by a newer sign-in"), error.details());
    assertEquals(0, harness.server.getRequestCount());
  }

  @Test
  void everyInputViolationIsReportedWithItsPointerAndNothingIsSent() {
    ActivityError error = harness.failure("things.get", "{\"verbose\":\"yes\",\"tags\":[\"a\",7,\"c\"],\"x\":1}");

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
    @SuppressWarnings("unchecked")
    List<Map<String, String>> violations = (List<Map<String, String>>) error.details().get(ActivityError.VIOLATIONS);
    assertEquals(List.of("", "", "/tags", "/tags/1", "/verbose"),
        violations.stream().map(violation -> violation.get("pointer")).sorted().toList(), violations.toString());
    assertEquals("The input of relay/things.get does not match its schema: " + String.join("; ",
        violations.stream().map(v -> (v.get("pointer").isEmpty() ? "(root)" : v.get("pointer")) + ": "
            + v.get("message")).toList()) + ". Fix the input and run again.", error.message());
    assertEquals(0, harness.server.getRequestCount());
  }

  @Test
  void schemaDefaultsAreAppliedBeforeThePluginRuns() throws Exception {
    harness.respond(200, "{\"id\":\"7\"}");
    harness.respond(201, "{\"id\":\"8\"}");

    harness.run("things.get", "{\"id\":\"7\"}");
    harness.run("things.create", "{\"name\":\"lamp\"}");

    assertEquals("/v1/things/7?verbose=false", harness.request().getTarget());
    assertEquals(json("{\"name\":\"lamp\",\"size\":1}"), json(body(harness.request())));
  }

  @Test
  void requestCarriesTheBearerTokenAndJsonBothWays() throws Exception {
    harness.respond(201, "{\"id\":\"th_1\",\"extra\":true}");

    ActivityResult result = harness.run("things.create", "{\"name\":\"lamp\",\"size\":3}");

    RecordedRequest request = harness.request();
    assertEquals("POST", request.getMethod());
    assertEquals("/v1/things", request.getTarget());
    assertEquals("Bearer token-1", request.getHeaders().get("Authorization"));
    assertEquals("application/json", request.getHeaders().get("Accept"));
    assertEquals("application/json", request.getHeaders().get("Content-Type"));
    assertEquals("{\"name\":\"lamp\",\"size\":3}", body(request));
    assertEquals(json("{\"id\":\"th_1\",\"extra\":true}"), result.output());
    assertEquals(1, result.attempts());
  }

  @Test
  void pathParametersAreEncodedOnceAndTheQueryKeepsItsOrder() throws Exception {
    harness.respond(200, "{\"id\":\"a/b c\"}");

    harness.run("things.get", "{\"id\":\"a/b c\",\"verbose\":true,\"tags\":[\"x y\",\"z\"]}");

    assertEquals("/v1/things/a%2Fb%20c?verbose=true&tags=x%20y%2Cz", harness.request().getTarget());
  }

  @Test
  void missingScopeNamesTheOperationAndTheScopeSetsThatWouldDo() {
    harness.connection = harness.connection("conn-1", Set.of("things:write", "files:read"),
        ConnectionStatus.ACTIVE, null);

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.MISSING_SCOPE, error.code());
    assertEquals("relay/things.create needs the scope things:write and things:read, or things:admin, but "
        + "connection 'work' was granted none of these (it has: files:read, things:write). Add one of them to the "
        + "app's scopes, then reconnect the connection so its token carries it.", error.message());
    assertEquals(Map.of(
        ActivityError.REQUIRED_SCOPES, List.of(List.of("things:write", "things:read"), List.of("things:admin")),
        ActivityError.GRANTED_SCOPES, List.of("files:read", "things:write")), error.details());
    assertEquals(0, harness.server.getRequestCount());
  }

  @Test
  void anyOneOfTheAlternativeScopeSetsIsEnough() throws Exception {
    harness.connection = harness.connection("conn-1", Set.of("things:admin"), ConnectionStatus.ACTIVE, null);
    harness.respond(201, "{\"id\":\"th_1\"}");

    assertEquals(json("{\"id\":\"th_1\"}"), harness.run("things.create", "{\"name\":\"lamp\"}").output());
  }

  @Test
  void operationWithoutRequiredScopesRunsWithNone() throws Exception {
    harness.connection = harness.connection("conn-1", Set.of(), ConnectionStatus.ACTIVE, null);

    assertEquals(json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output());
  }

  @Test
  void outputBreakingTheOutputSchemaIsInvalidOutputNamingTheField() {
    harness.respond(200, "{\"id\":5,\"name\":\"lamp\"}");

    ActivityError error = harness.failure("things.get", "{\"id\":\"5\"}");

    assertEquals(ErrorCode.INVALID_OUTPUT, error.code());
    assertEquals("The output of relay/things.get does not match its schema: /id: integer found, string expected. "
        + "This is a bug in the connector plugin relay (or the provider changed its answers); report it to the "
        + "plugin's author.", error.message());
    assertEquals(List.of(Map.of("pointer", "/id", "message", "integer found, string expected")),
        error.details().get(ActivityError.VIOLATIONS));
  }

  @Test
  void connectorExceptionFromThePluginKeepsItsCodeAndProviderDetails() {
    ActivityError error = harness.failure("faults.raise", "{\"kind\":\"connectorError\"}");

    assertEquals(new ActivityError(ErrorCode.NOT_FOUND, "thing 42 is gone",
        Map.of(ActivityError.PROVIDER_CODE, "G42", ActivityError.PROVIDER_MESSAGE, "Gone for good")), error);
  }

  @Test
  void resultCountsEveryAttemptAndTheDurationOnTheRunnersClock() throws Exception {
    harness.respond(503, "{\"code\":\"busy\",\"message\":\"try again\"}");
    harness.respond(200, "{\"id\":\"7\"}");

    ActivityResult result = harness.run("things.get", "{\"id\":\"7\"}");

    assertEquals(2, result.attempts());
    assertEquals(harness.sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus), result.duration());
  }

  @Test
  void schemasAreCompiledOncePerOperation() throws Exception {
    OperationSchemas schemas = new OperationSchemas();
    OperationDefinition operation =
        relay.catalog().connector("relay").orElseThrow().definition().operation("things.get").orElseThrow();

    assertSame(schemas.of("relay", "things.get", operation), schemas.of("relay", "things.get", operation));
  }

  @Test
  void inputOfTheCallIsNotChangedByDefaults() throws Exception {
    harness.respond(200, "{\"id\":\"7\"}");
    ActivityCall call = harness.call("things.get", "{\"id\":\"7\"}");

    harness.runner.run(call);

    assertNull(call.input().get("verbose"));
  }
}
