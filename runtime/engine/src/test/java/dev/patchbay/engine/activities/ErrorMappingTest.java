package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provider errors through the relay definition's error table (first match, message pattern and status conditions)
 * and the runner's defaults by status. Uses the non-idempotent things.create, so no answer is retried.
 */
class ErrorMappingTest extends RelayTestBase {

  private static final String NOT_FROM_API = "The answer most likely came from an outage or maintenance page, a "
      + "proxy, or a wrong base URL rather than from the API. Retry later; if it persists, check the connection's "
      + "base URL (";

  static Stream<Arguments> providerErrors() {
    return Stream.of(
        // The row with a message pattern wins over the plain row of the same code...
        Arguments.of(400, "{\"code\":2001,\"message\":\"Thing is archived\"}", ErrorCode.NOT_FOUND,
            "The thing was archived; restore it first."),
        // ...and the plain row takes the rest.
        Arguments.of(400, "{\"code\":2001,\"message\":\"name too long\"}", ErrorCode.INVALID_INPUT,
            "Fix the thing's fields."),
        // A row with a status applies to that status only.
        Arguments.of(404, "{\"code\":2002,\"message\":\"No such thing\"}", ErrorCode.NOT_FOUND,
            "Check the thing's id."),
        Arguments.of(403, "{\"code\":2002,\"message\":\"Not yours\"}", ErrorCode.PERMISSION_DENIED,
            "Ask the thing's owner for access."),
        // OAuth-shaped bodies.
        Arguments.of(400, "{\"error\":\"invalid_token\",\"reason\":\"Invalid Token!\"}", ErrorCode.NEEDS_REAUTH,
            "Reconnect the relay connection."),
        Arguments.of(400, "{\"error\":\"invalid_token\",\"error_description\":\"expired\"}",
            ErrorCode.NEEDS_REAUTH, "Reconnect the relay connection."),
        // Codes the table does not know: the status decides.
        Arguments.of(400, "{\"code\":9,\"message\":\"bad\"}", ErrorCode.INVALID_INPUT,
            "The provider rejected the request as invalid (its message says which value). Fix the input and run "
                + "again."),
        Arguments.of(403, "{\"code\":9,\"message\":\"no\"}", ErrorCode.PERMISSION_DENIED,
            "The connected user or account is not allowed to do this. Ask the account's admin for the permission, "
                + "or use a connection of a user who has it."),
        Arguments.of(404, "{\"code\":9,\"message\":\"gone\"}", ErrorCode.NOT_FOUND,
            "The resource does not exist (any more). Check the ids in the input."),
        Arguments.of(409, "{\"code\":9,\"message\":\"taken\"}", ErrorCode.INVALID_INPUT,
            "The provider refused the request (its message says why). Fix the input and run again."),
        Arguments.of(500, "{\"code\":9,\"message\":\"oops\"}", ErrorCode.UPSTREAM_ERROR,
            "The provider failed to handle the request. Retry later; if it keeps failing, check the provider's "
                + "status page."));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("providerErrors")
  void providerErrorIsMappedWithItsRemediation(int status, String body, ErrorCode code, String remediation) {
    harness.respond(status, body);

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(code, error.code());
    assertEquals(remediation, error.details().get(ActivityError.REMEDIATION));
    assertEquals(status, error.details().get(ActivityError.HTTP_STATUS));
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void messageQuotesTheProviderAndSaysWhatToDo() {
    harness.respond(400, "{\"code\":2001,\"message\":\"Thing is archived\"}");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(new ActivityError(ErrorCode.NOT_FOUND,
        "Relay answered HTTP 400 with error 2001: Thing is archived. The thing was archived; restore it first.",
        Map.of(ActivityError.PROVIDER_CODE, "2001", ActivityError.PROVIDER_MESSAGE, "Thing is archived",
            ActivityError.HTTP_STATUS, 400,
            ActivityError.REMEDIATION, "The thing was archived; restore it first.")), error);
  }

  @Test
  void htmlErrorPageIsUpstreamErrorWithItsStatus() {
    harness.server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    String baseUrl = harness.connection.baseUrl();
    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "Relay answered HTTP 502 with an HTML page instead of "
        + "a JSON error. " + NOT_FROM_API + baseUrl + ").", Map.of(ActivityError.HTTP_STATUS, 502,
            ActivityError.REMEDIATION, NOT_FROM_API + baseUrl + ").")), error);
  }

  @Test
  void htmlNotFoundPageIsNotTakenForAMissingResource() {
    harness.server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
        .body("<html>Not Found</html>").build());

    assertEquals(ErrorCode.UPSTREAM_ERROR, harness.failure("things.create", "{\"name\":\"lamp\"}").code());
  }

  @Test
  void malformedJsonErrorBodyIsUpstreamErrorWithoutParserDetails() {
    harness.respond(400, "{\"code\": 2001, \"message\": ");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertEquals("Relay answered HTTP 400 with a body that is not a JSON error (content type application/json). "
        + NOT_FROM_API + harness.connection.baseUrl() + ").", error.message());
  }

  @Test
  void plainTextErrorBodyIsUpstreamError() {
    harness.server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/plain")
        .body("bad request").build());

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertEquals("Relay answered HTTP 400 with a body that is not a JSON error (content type text/plain). "
        + NOT_FROM_API + harness.connection.baseUrl() + ").", error.message());
  }

  @Test
  void bareStatusWithoutBodyIsMappedByTheStatus() {
    harness.respond(404, "");

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(new ActivityError(ErrorCode.NOT_FOUND, "Relay answered HTTP 404. The resource does not exist (any "
        + "more). Check the ids in the input.", Map.of(ActivityError.HTTP_STATUS, 404,
            ActivityError.REMEDIATION, "The resource does not exist (any more). Check the ids in the input.")), error);
  }

  @Test
  void successWhoseBodyIsNotJsonIsUpstreamError() {
    harness.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
        .body("<html>Welcome</html>").build());

    ActivityError error = harness.failure("things.create", "{\"name\":\"lamp\"}");

    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "Relay answered POST /things with HTTP 200 but its body "
        + "is not JSON (content type text/html). Retry later; if it persists, check the connection's base URL ("
        + harness.connection.baseUrl() + ").", Map.of(ActivityError.HTTP_STATUS, 200)), error);
  }

  @Test
  void noContentIsAnEmptyBody() throws Exception {
    harness.server.enqueue(new MockResponse.Builder().code(204).build());

    assertEquals(Harness.json("{\"status\":204}"), harness.run("things.delete", "{\"id\":\"7\"}").output());
    assertEquals("DELETE", harness.request().getMethod());
  }
}
