package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The API over real HTTP against a server in sandbox mode: every endpoint, its errors, and what never leaks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerApiTest {

  private static final Path SCHEDULE_MEETING = Path.of("..", "..", "examples", "workflows", "schedule-meeting.yaml");

  private SandboxServer fixture;
  private Api api;

  @BeforeAll
  void start() {
    fixture = SandboxServer.start();
    api = fixture.api;
  }

  @AfterAll
  void stop() throws Exception {
    try {
      fixture.assertNoSecretIn(api.seen);
    } finally {
      fixture.close();
    }
  }

  // --- health and access ---

  @Test
  void healthNeedsNoToken() {
    Api.Answer answer = api.raw("GET", "/healthz", null);
    assertEquals(200, answer.status());
    JsonNode body = answer.json();
    assertEquals("ok", body.path("status").asString());
    assertEquals(PatchbayRuntime.version(), body.path("version").asString());
    assertEquals(1, body.path("plugins").asInt());
  }

  @Test
  void everyApiCallNeedsTheToken() {
    for (String path : List.of("/api/connectors", "/api/openapi.json", "/api/connections", "/api/runs",
        "/api/no-such-route")) {
      Api.Answer missing = api.raw("GET", path, null);
      assertEquals(401, missing.status(), path);
      assertEquals("UNAUTHORIZED", missing.code());
      assertTrue(missing.json().has("message"));
      assertTrue(missing.json().path("details").isObject());
      assertEquals("Bearer realm=\"patchbay\"", missing.header("WWW-Authenticate"));
    }
    String wrong = "wrong-" + fixture.token.substring(6);
    Api.Answer wrongToken = api.raw("GET", "/api/connectors", null, "Authorization", "Bearer " + wrong);
    assertEquals(401, wrongToken.status());
    assertFalse(wrongToken.body().contains(wrong), "a 401 never repeats what was sent");
    assertFalse(wrongToken.body().contains("zoom"), "a 401 says nothing about the catalog");
    Api.Answer basic = api.raw("GET", "/api/connectors", null, "Authorization", "Basic " + fixture.token);
    assertEquals(401, basic.status());
    Api.Answer post = api.raw("POST", "/api/activities/zoom/users.getCurrent", "{}");
    assertEquals(401, post.status());
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    Api.Answer answer = api.raw("GET", "/api/connectors", null, "Authorization", "bearer " + fixture.token);
    assertEquals(200, answer.status());
  }

  @Test
  void unknownRoutesAreJson404s() {
    Api.Answer answer = api.get("/api/no-such-route");
    assertEquals(404, answer.status());
    assertEquals("NOT_FOUND", answer.code());
    assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
    Api.Answer wrongMethod = api.delete("/api/connectors");
    assertEquals(405, wrongMethod.status());
    assertEquals("METHOD_NOT_ALLOWED", wrongMethod.code());
    Api.Answer outside = api.raw("GET", "/nothing-here", null);
    assertEquals(404, outside.status());
    assertEquals("NOT_FOUND", outside.code());
  }

  // --- catalog ---

  @Test
  void listsConnectors() {
    Api.Answer answer = api.get("/api/connectors");
    assertEquals(200, answer.status());
    JsonNode zoom = answer.json().get(0);
    assertEquals("zoom", zoom.path("id").asString());
    assertEquals("Zoom", zoom.path("name").asString());
    assertTrue(zoom.path("operations").asInt() > 5);
    assertEquals(List.of("oauth", "byo-oauth", "server-to-server"),
        Json.MAPPER.convertValue(zoom.path("authTypes"), List.class));
    assertEquals("zoom", zoom.path("plugin").asString());
  }

  @Test
  void showsAConnectorsDefinition() {
    Api.Answer answer = api.get("/api/connectors/zoom");
    assertEquals(200, answer.status());
    assertEquals("zoom", answer.json().path("id").asString());
    assertTrue(answer.json().path("operations").isArray());
    assertTrue(answer.json().path("authTypes").isArray());
    Api.Answer missing = api.get("/api/connectors/nope");
    assertEquals(404, missing.status());
    assertEquals("NOT_FOUND", missing.code());
  }

  @Test
  void listsPlugins() {
    Api.Answer answer = api.get("/api/plugins");
    assertEquals(200, answer.status());
    JsonNode plugin = answer.json().get(0);
    assertEquals("zoom", plugin.path("id").asString());
    assertEquals("ACTIVE", plugin.path("state").asString());
    assertTrue(plugin.path("file").asString().startsWith("zoom-"));
    assertEquals("zoom", plugin.path("connectors").get(0).asString());
  }

  // --- connections ---

  @Test
  void listsAndShowsConnections() {
    Api.Answer list = api.get("/api/connections");
    assertEquals(200, list.status());
    JsonNode first = list.json().path("connections").get(0);
    assertEquals(fixture.sandboxConnection(), first.path("name").asString());
    assertEquals("ACTIVE", first.path("status").asString());
    assertTrue(list.json().path("problems").isArray());

    Api.Answer one = api.get("/api/connections/" + fixture.sandboxConnection());
    assertEquals(200, one.status());
    JsonNode connection = one.json();
    assertEquals("zoom", connection.path("connector").asString());
    assertEquals("oauth", connection.path("authType").asString());
    assertTrue(connection.path("scopes").size() > 0);
    assertNotNull(connection.path("identity").path("email").asString(null));
    assertFalse(connection.path("fields").has("clientSecret"));

    Api.Answer missing = api.get("/api/connections/nobody");
    assertEquals(404, missing.status());
    assertEquals("NOT_FOUND", missing.code());
  }

  @Test
  void setsAConnectionsRateLimitsCheckingEveryOneBeforeWritingAny() {
    String path = "/api/connections/" + fixture.sandboxConnection() + "/rate-limits";
    Api.Answer set = api.put(path, "{\"light\":\"80/s\",\"medium\":\"60/s\"}");
    assertEquals(200, set.status(), set.body());
    String limits = "{\"heavy\":\"10/s (default)\",\"light\":\"80/s\",\"medium\":\"60/s\","
        + "\"resource-intensive\":\"10/min (default)\"}";
    assertEquals(limits, set.json().path("rateLimits").toString());
    assertEquals(limits, api.get("/api/connections/" + fixture.sandboxConnection()).json().path("rateLimits")
        .toString());

    Api.Answer unknown = api.put(path, "{\"light\":\"10/s\",\"ligth\":\"10/s\"}");
    assertEquals(400, unknown.status(), unknown.body());
    assertEquals("INVALID_INPUT", unknown.code());
    assertTrue(unknown.json().path("message").asString().contains("no rate-limit category 'ligth' (did you mean "
        + "'light'?); its categories are heavy, light, medium, resource-intensive"), unknown.body());
    Api.Answer zero = api.put(path, "{\"light\":\"0/s\"}");
    assertEquals(400, zero.status(), zero.body());
    assertTrue(zero.json().path("message").asString().contains("'0/s' allows no request"), zero.body());
    assertEquals(400, api.put(path, "{\"light\":80}").status());
    assertEquals(limits, api.get("/api/connections/" + fixture.sandboxConnection()).json().path("rateLimits")
        .toString(), "a refused body changed nothing");

    Api.Answer reset = api.put(path, "{}");
    assertEquals(200, reset.status(), reset.body());
    assertEquals("{\"heavy\":\"10/s (default)\",\"light\":\"30/s (default)\",\"medium\":\"20/s (default)\","
        + "\"resource-intensive\":\"10/min (default)\"}", reset.json().path("rateLimits").toString());
    assertEquals(404, api.put("/api/connections/nobody/rate-limits", "{}").status());
  }

  @Test
  void testsAConnection() {
    Api.Answer answer = api.post("/api/connections/" + fixture.sandboxConnection() + "/test", "");
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.json().path("ok").asBoolean());
    assertNotNull(answer.json().path("identity").path("userId").asString(null));
    assertEquals(404, api.post("/api/connections/nobody/test", "").status());
  }

  // --- activities ---

  @Test
  void runsAnActivity() {
    Api.Answer answer = api.post("/api/activities/zoom/users.getCurrent",
        "{\"connection\":\"" + fixture.sandboxConnection() + "\",\"input\":{}}");
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.json().path("output").has("email"));
    assertTrue(answer.json().path("attempts").asInt() >= 1);
    assertTrue(answer.json().has("durationMs"));
  }

  @Test
  void inSandboxModeTheSandboxConnectionIsTheDefault() {
    Api.Answer created = api.post("/api/activities/zoom/meetings.create",
        "{\"input\":{\"topic\":\"Standup\",\"type\":2,"
        + "\"start_time\":\"2030-01-01T10:00:00Z\",\"duration\":15}}");
    assertEquals(200, created.status(), created.body());
    assertEquals("Standup", created.json().path("output").path("topic").asString());
  }

  @Test
  void invalidInputIs400WithEveryViolation() {
    Api.Answer answer = api.post("/api/activities/zoom/meetings.create",
        "{\"input\":{\"topic\":5,\"duration\":\"long\"}}");
    assertEquals(400, answer.status(), answer.body());
    assertEquals("INVALID_INPUT", answer.code());
    assertTrue(answer.json().path("details").path("violations").size() >= 2, answer.body());
  }

  @Test
  void unknownOperationsAndConnectionsAreReported() {
    Api.Answer operation = api.post("/api/activities/zoom/nothing.here", "{}");
    assertEquals(404, operation.status(), operation.body());
    assertEquals("NOT_FOUND", operation.code());
    assertTrue(operation.json().path("message").asString().contains("meetings.create"), operation.body());
    Api.Answer connection = api.post("/api/activities/zoom/users.getCurrent", "{\"connection\":\"nobody\"}");
    assertEquals(404, connection.status(), connection.body());
    assertEquals("NOT_FOUND", connection.code());
    Api.Answer noConnection = api.post("/api/activities/other/thing.do", "{}");
    assertEquals(400, noConnection.status());
    assertTrue(noConnection.json().path("message").asString().contains("'connection' is required"));
  }

  @Test
  void upstreamFailuresAre502() {
    fixture.control("{\"serverErrors\":{\"count\":1,\"status\":500,\"pathPrefix\":\"/v2/users/me/meetings\"}}");
    try {
      Api.Answer answer = api.post("/api/activities/zoom/meetings.create", "{\"input\":{\"topic\":\"x\"}}");
      assertEquals(502, answer.status(), answer.body());
      assertEquals("UPSTREAM_ERROR", answer.code());
    } finally {
      fixture.control("{\"clearFaults\":true}");
    }
  }

  @Test
  void rateLimitsAre429WithRetryAfter() {
    fixture.control("{\"dailyMeetingWriteLimit\":0}");
    try {
      Api.Answer answer = api.post("/api/activities/zoom/meetings.create", "{\"input\":{\"topic\":\"x\"}}");
      assertEquals(429, answer.status(), answer.body());
      assertNotNull(answer.header("Retry-After"), answer.body());
    } finally {
      fixture.control("{\"dailyMeetingWriteLimit\":100}");
    }
  }

  // --- bodies ---

  @Test
  void malformedJsonIs400WithItsPosition() {
    Api.Answer answer = api.post("/api/activities/zoom/users.getCurrent", "{\n  \"input\": {,}\n}");
    assertEquals(400, answer.status());
    assertEquals("INVALID_INPUT", answer.code());
    assertTrue(answer.json().path("message").asString().contains("line 2, column"), answer.body());
    assertEquals(2, answer.json().path("details").path("line").asInt());
    Api.Answer notAnObject = api.post("/api/runs", "[1,2]");
    assertEquals(400, notAnObject.status());
    Api.Answer wrongType = api.post("/api/activities/zoom/users.getCurrent", "{\"input\":\"text\"}");
    assertEquals(400, wrongType.status());
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    assertEquals("HTTP/1.1 413 Payload Too Large",
        api.statusOfAnnouncedBody("/api/activities/zoom/meetings.create", 2L * 1024 * 1024));
    // Just over the limit: what the server leaves unread fits in the socket buffers, so the client finishes sending
    // and reads the answer instead of racing the server's close.
    String big = "{\"input\":{\"topic\":\"" + "x".repeat(1024 * 1024 + 1024) + "\"}}";
    Api.Answer chunked = api.postChunked("/api/activities/zoom/meetings.create",
        big.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(413, chunked.status(), "a body without a length is cut off at the limit too");
    assertEquals("REQUEST_TOO_LARGE", chunked.code());
    Api.Answer small = api.postChunked("/api/activities/zoom/users.getCurrent",
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(200, small.status(), small.body());
  }

  // --- runs ---

  @Test
  void runsAWorkflowGivenAsYamlText() throws Exception {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("workflow", Files.readString(SCHEDULE_MEETING));
    request.putObject("inputs").put("topic", "Design review").put("minutes", 45);
    Api.Answer answer = api.post("/api/runs", Json.MAPPER.writeValueAsString(request));
    assertEquals(200, answer.status(), answer.body());
    JsonNode record = answer.json();
    assertEquals("SUCCEEDED", record.path("status").asString(), answer.body());
    assertEquals("Design review", record.path("outputs").path("topic").asString());
    String id = record.path("id").asString();

    Api.Answer list = api.get("/api/runs");
    assertEquals(200, list.status());
    List<String> ids = new ArrayList<>();
    list.json().forEach(run -> ids.add(run.path("id").asString()));
    assertTrue(ids.contains(id), list.body());

    Api.Answer one = api.get("/api/runs/" + id);
    assertEquals(200, one.status());
    assertEquals(3, one.json().path("steps").size());
    assertTrue(Files.exists(Path.of(one.json().path("workflowFile").asString())));
  }

  /** A failed step's error has the activity's details in the run record, as an activity's error has them. */
  @Test
  void aFailedStepsErrorHasTheActivitysDetails() {
    String workflow = "{\"name\":\"missing\",\"steps\":[{\"id\":\"read\",\"activity\":\"zoom/meetings.get\","
        + "\"input\":{\"meetingId\":12345678901}}]}";
    Api.Answer answer = api.post("/api/runs", "{\"workflow\":" + workflow + "}");
    assertEquals(200, answer.status(), answer.body());

    Api.Answer one = api.get("/api/runs/" + answer.json().path("id").asString());

    JsonNode error = one.json().at("/steps/0/error");
    assertEquals("NOT_FOUND", error.path("code").asString(), one.body());
    assertEquals("3001", error.at("/details/providerCode").asString(), one.body());
    assertEquals(404, error.at("/details/httpStatus").asInt(), one.body());
    assertEquals(error, one.json().path("error"), one.body());
  }

  @Test
  void runsAWorkflowGivenAsAJsonObject() {
    String workflow = "{\"name\":\"me\",\"steps\":[{\"id\":\"me\",\"activity\":\"zoom/users.getCurrent\","
        + "\"input\":{}}],"
        + "\"outputs\":{\"email\":\"${steps.me.output.email}\"}}";
    Api.Answer answer = api.post("/api/runs", "{\"workflow\":" + workflow + "}");
    assertEquals(200, answer.status(), answer.body());
    assertEquals("SUCCEEDED", answer.json().path("status").asString(), answer.body());
  }

  @Test
  void workflowProblemsAre400WithEveryProblemAndItsLine() throws Exception {
    String workflow = "name: broken\nsteps:\n  - id: a\n    activity: zoom/nothing.here\n    input: {}\n"
        + "  - id: b\n    activity: zoom/users.getCurrent\n    input: {x: \"${steps.zzz.output}\"}\n";
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("workflow", workflow);
    Api.Answer answer = api.post("/api/runs", Json.MAPPER.writeValueAsString(request));
    assertEquals(400, answer.status(), answer.body());
    assertEquals("INVALID_INPUT", answer.code());
    JsonNode problems = answer.json().path("details").path("problems");
    assertTrue(problems.size() >= 2, answer.body());
    problems.forEach(problem -> assertTrue(problem.path("line").asInt() > 0, answer.body()));
    Api.Answer missing = api.post("/api/runs", "{}");
    assertEquals(400, missing.status());
  }

  @Test
  void unknownRunsAre404() {
    assertEquals(404, api.get("/api/runs/20000101-000000-zzzz").status());
    assertEquals(404, api.get("/api/runs/..%2F..%2Fetc").status());
  }

  // --- OpenAPI ---

  @Test
  void theOpenApiDocumentDescribesEveryApiRouteAndNothingElse() {
    Api.Answer answer = api.get("/api/openapi.json");
    assertEquals(200, answer.status());
    JsonNode document = answer.json();
    assertEquals("3.1.0", document.path("openapi").asString());
    JsonNode paths = document.path("paths");
    List<String> documented = new ArrayList<>();
    paths.properties().forEach(path -> path.getValue().properties()
        .forEach(op -> documented.add(op.getKey().toUpperCase() + " " + path.getKey())));
    List<String> served = fixture.server.routes().stream()
        .filter(r -> r.path().startsWith("/api/") || r.path().equals("/healthz") || r.path().startsWith("/webhooks/"))
        .map(r -> r.method() + " " + r.path()).toList();
    assertTrue(served.size() >= 13, served.toString());
    for (String route : served) {
      assertTrue(documented.contains(route), "not in openapi.json: " + route);
    }
    for (String operation : documented) {
      assertTrue(served.contains(operation), "documented but not served: " + operation);
    }
  }
}
