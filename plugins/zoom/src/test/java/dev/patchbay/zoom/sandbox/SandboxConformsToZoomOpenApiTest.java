package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.doubleEncoded;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the sandbox against Zoom's official OpenAPI documents (the API hub JSON behind developers.zoom.us): every
 * successful answer of every endpoint it serves, driven through a range of requests, has a status Zoom documents for
 * that operation and a body valid against the operation's response schema; each endpoint's scopes are exactly the
 * ones Zoom lists, and its rate-limit category is Zoom's label.
 *
 * <p>The documents are not part of the repository. Point {@code -Dzoom.openapi.dir} at the folder holding
 * {@value #MEETINGS} and {@value #USERS}; without them the test is skipped with a message.
 */
class SandboxConformsToZoomOpenApiTest {

  private static final String MEETINGS = "zoom-meeting-open-api-spec.json";
  private static final String USERS = "zoom-users-open-api-spec.json";
  private static final Pattern RATE_LABEL = Pattern.compile("Rate Limit Label[^`]*`([A-Z-]+)`");

  /** One answer of the sandbox to check. */
  private record Sample(String request, HttpResponse<String> response) {}

  private static SandboxFixture zoom;

  @AfterAll
  static void stop() {
    if (zoom != null) {
      zoom.close();
    }
  }

  @TestFactory
  Stream<DynamicNode> sandboxConformsToZoomOpenApi() throws IOException {
    Path directory = Path.of(System.getProperty("zoom.openapi.dir", "../../../shared/zoom/openapi"));
    Path meetingsFile = directory.resolve(MEETINGS);
    Path usersFile = directory.resolve(USERS);
    if (!Files.isRegularFile(meetingsFile) || !Files.isRegularFile(usersFile)) {
      String message = "Zoom's OpenAPI documents " + MEETINGS + " and " + USERS + " are not in "
          + directory.toAbsolutePath().normalize() + ": skipping the check of the Zoom sandbox against them. Set "
          + "-Dzoom.openapi.dir=<folder holding them> (Zoom's API hub JSON) to run it.";
      return Stream.of(DynamicTest.dynamicTest("Zoom's OpenAPI documents are present",
          () -> Assumptions.assumeTrue(false, message)));
    }
    JsonNode meetingsDoc = SandboxFixture.MAPPER.readTree(meetingsFile);
    JsonNode usersDoc = SandboxFixture.MAPPER.readTree(usersFile);
    zoom = SandboxFixture.start();
    Map<ZoomEndpoint, List<Sample>> samples = drive();

    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(DynamicTest.dynamicTest("the schema check rejects a body Zoom would not send", () -> {
      JsonNode schema = usersDoc.at("/paths/~1users~1{userId}/get/responses/200/content/application~1json/schema");
      List<Error> errors = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30())
          .getSchema(inline(usersDoc, schema, 0)).validate(SandboxFixture.MAPPER.readTree("{\"type\":\"Licensed\"}"));
      assertTrue(!errors.isEmpty(), "a user whose type is text passed the check");
    }));
    for (ZoomEndpoint endpoint : ZoomEndpoint.values()) {
      JsonNode doc = endpoint == ZoomEndpoint.GET_USER ? usersDoc : meetingsDoc;
      JsonNode operation = doc.path("paths").path(endpoint.path()).path(endpoint.method().toLowerCase(Locale.ROOT));
      List<DynamicNode> checks = new ArrayList<>();
      checks.add(DynamicTest.dynamicTest("Zoom documents the operation", () -> assertTrue(operation.isObject(),
          endpoint.method() + " " + endpoint.path() + " is not in Zoom's OpenAPI")));
      checks.add(DynamicTest.dynamicTest("its scopes are Zoom's", () -> checkScopes(endpoint, operation)));
      checks.add(DynamicTest.dynamicTest("its rate-limit category is Zoom's label",
          () -> checkRateLimit(endpoint, operation)));
      List<Sample> answers = samples.getOrDefault(endpoint, List.of());
      checks.add(DynamicTest.dynamicTest("the requests below cover it", () -> assertTrue(!answers.isEmpty())));
      for (Sample sample : answers) {
        checks.add(DynamicTest.dynamicTest(sample.request(), () -> checkResponse(doc, operation, sample)));
      }
      nodes.add(DynamicContainer.dynamicContainer(endpoint.method() + " " + endpoint.path(), checks));
    }
    return nodes.stream();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Driving the sandbox

  private static Map<ZoomEndpoint, List<Sample>> drive() {
    Map<ZoomEndpoint, List<Sample>> samples = new EnumMap<>(ZoomEndpoint.class);
    String user = zoom.accessToken();
    String admin = zoom.serverToServerToken();

    call(samples, ZoomEndpoint.GET_USER, "GET", "/v2/users/me", user, null);
    call(samples, ZoomEndpoint.GET_USER, "GET", "/v2/users/" + SandboxFixture.GRACE, admin, null);

    List<Long> created = new ArrayList<>();
    for (String body : List.of(
        "{}",
        "{\"topic\":\"Planning\",\"type\":2,\"start_time\":\"2026-04-01T10:00:00Z\",\"duration\":30,"
            + "\"agenda\":\"Agenda\",\"timezone\":\"Asia/Kolkata\",\"password\":\"abc123\","
            + "\"settings\":{\"host_video\":true,\"waiting_room\":true,\"approval_type\":0,"
            + "\"auto_recording\":\"cloud\"},\"tracking_fields\":[{\"field\":\"team\",\"value\":\"core\"}]}",
        "{\"topic\":\"Weekly\",\"type\":8,\"start_time\":\"2026-03-11T16:00:00Z\",\"duration\":45,"
            + "\"recurrence\":{\"type\":2,\"weekly_days\":\"4\",\"end_times\":5}}",
        "{\"topic\":\"Monthly\",\"type\":8,\"start_time\":\"2026-03-11T16:00:00Z\","
            + "\"recurrence\":{\"type\":3,\"monthly_week\":-1,\"monthly_week_day\":6,\"end_date_time\":"
            + "\"2026-09-30T00:00:00Z\"}}",
        "{\"topic\":\"Daily\",\"type\":8,\"recurrence\":{\"type\":1,\"repeat_interval\":2,\"end_times\":3}}",
        "{\"topic\":\"Any time\",\"type\":3}",
        "{\"topic\":\"Now\",\"type\":1,\"default_password\":false}")) {
      HttpResponse<String> response = call(samples, ZoomEndpoint.CREATE_MEETING, "POST", "/v2/users/me/meetings",
          user, body);
      created.add(json(response).path("id").asLong());
    }
    call(samples, ZoomEndpoint.CREATE_MEETING, "POST", "/v2/users/me/meetings", admin,
        "{\"topic\":\"For Grace\",\"schedule_for\":\"" + SandboxFixture.GRACE + "\"}");

    List<Long> meetings = new ArrayList<>(List.of(81000000001L, 81000000002L, 81000000003L, 81000000004L,
        81000000005L, 81000000006L, 81000000007L));
    meetings.addAll(created);
    for (long id : meetings) {
      call(samples, ZoomEndpoint.GET_MEETING, "GET", "/v2/meetings/" + id, admin, null);
    }
    JsonNode weekly = json(zoom.get("/v2/meetings/" + created.get(2), user));
    String occurrence = weekly.path("occurrences").get(1).path("occurrence_id").asString();
    call(samples, ZoomEndpoint.GET_MEETING, "GET", "/v2/meetings/" + created.get(2) + "?occurrence_id=" + occurrence,
        user, null);
    call(samples, ZoomEndpoint.GET_MEETING, "GET", "/v2/meetings/81000000001?show_previous_occurrences=true", user,
        null);

    for (String type : List.of("scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings")) {
      call(samples, ZoomEndpoint.LIST_MEETINGS, "GET", "/v2/users/me/meetings?type=" + type, user, null);
    }
    HttpResponse<String> firstPage = call(samples, ZoomEndpoint.LIST_MEETINGS, "GET",
        "/v2/users/me/meetings?page_size=3", user, null);
    call(samples, ZoomEndpoint.LIST_MEETINGS, "GET", "/v2/users/me/meetings?page_size=3&next_page_token="
        + json(firstPage).path("next_page_token").asString(), user, null);
    call(samples, ZoomEndpoint.LIST_MEETINGS, "GET", "/v2/users/" + SandboxFixture.GRACE_ID + "/meetings", admin,
        null);

    call(samples, ZoomEndpoint.UPDATE_MEETING, "PATCH", "/v2/meetings/81000000002", user,
        "{\"topic\":\"Renamed\",\"settings\":{\"mute_upon_entry\":true}}");
    call(samples, ZoomEndpoint.UPDATE_MEETING, "PATCH", "/v2/meetings/" + created.get(2) + "?occurrence_id="
        + occurrence, user, "{\"duration\":50}");
    call(samples, ZoomEndpoint.UPDATE_MEETING_STATUS, "PUT", "/v2/meetings/81000000003/status", user,
        "{\"action\":\"end\"}");
    call(samples, ZoomEndpoint.DELETE_MEETING, "DELETE", "/v2/meetings/" + created.get(0), user, null);
    call(samples, ZoomEndpoint.DELETE_MEETING, "DELETE", "/v2/meetings/" + created.get(2) + "?occurrence_id="
        + occurrence, user, null);
    call(samples, ZoomEndpoint.UPDATE_MEETING_STATUS, "PUT", "/v2/meetings/" + created.get(0) + "/status", user,
        "{\"action\":\"recover\"}");

    for (String query : List.of("?from=2026-02-10&to=2026-03-10", "?from=2026-01-20&to=2026-02-19", "",
        "?trash=true", "?trash=true&trash_type=recording_file", "?from=2026-02-10&to=2026-03-10&meeting_id=81000000001")) {
      call(samples, ZoomEndpoint.LIST_RECORDINGS, "GET", "/v2/users/me/recordings" + query, user, null);
    }
    HttpResponse<String> recordingsPage = call(samples, ZoomEndpoint.LIST_RECORDINGS, "GET",
        "/v2/users/me/recordings?from=2026-02-10&to=2026-03-10&page_size=2", user, null);
    call(samples, ZoomEndpoint.LIST_RECORDINGS, "GET", "/v2/users/me/recordings?from=2026-02-10&to=2026-03-10"
        + "&page_size=2&next_page_token=" + json(recordingsPage).path("next_page_token").asString(), user, null);
    call(samples, ZoomEndpoint.LIST_RECORDINGS, "GET", "/v2/users/" + SandboxFixture.GRACE
        + "/recordings?from=2026-02-01&to=2026-03-01", admin, null);

    List<String> uuids = new ArrayList<>();
    for (String window : List.of("?from=2026-02-10&to=2026-03-10", "?from=2026-01-10&to=2026-02-09")) {
      for (String userId : List.of("me", SandboxFixture.GRACE_ID)) {
        json(zoom.get("/v2/users/" + userId + "/recordings" + window, admin)).path("meetings")
            .forEach(meeting -> uuids.add(meeting.path("uuid").asString()));
      }
    }
    for (String uuid : uuids) {
      call(samples, ZoomEndpoint.GET_RECORDINGS, "GET", "/v2/meetings/" + doubleEncoded(uuid) + "/recordings", admin,
          null);
    }
    call(samples, ZoomEndpoint.GET_RECORDINGS, "GET", "/v2/meetings/81000000001/recordings", user, null);

    JsonNode sync = json(zoom.get("/v2/meetings/81000000001/recordings", user));
    String syncUuid = doubleEncoded(sync.path("uuid").asString());
    call(samples, ZoomEndpoint.DELETE_RECORDING_FILE, "DELETE", "/v2/meetings/" + syncUuid + "/recordings/"
        + sync.path("recording_files").get(0).path("id").asString(), user, null);
    call(samples, ZoomEndpoint.DELETE_RECORDING_FILE, "DELETE", "/v2/meetings/" + syncUuid + "/recordings/"
        + sync.path("recording_files").get(1).path("id").asString() + "?action=delete", user, null);
    call(samples, ZoomEndpoint.DELETE_RECORDINGS, "DELETE", "/v2/meetings/" + syncUuid + "/recordings", user, null);
    call(samples, ZoomEndpoint.DELETE_RECORDINGS, "DELETE", "/v2/meetings/81000000001/recordings?action=delete",
        user, null);
    return samples;
  }

  private static HttpResponse<String> call(Map<ZoomEndpoint, List<Sample>> samples, ZoomEndpoint endpoint,
      String method, String path, String token, String body) {
    HttpResponse<String> response = zoom.send(method, path, token, body);
    samples.computeIfAbsent(endpoint, e -> new ArrayList<>())
        .add(new Sample(method + " " + path + (body == null ? "" : " " + body), response));
    return response;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Checks

  private static void checkScopes(ZoomEndpoint endpoint, JsonNode operation) {
    Set<String> zoomScopes = new TreeSet<>();
    operation.path("x-extensions").path("x-macro-scopes").forEach(scope -> zoomScopes.add(scope.asString()));
    operation.path("x-extensions").path("x-granular-scopes").forEach(scope -> zoomScopes.add(scope.asString()));
    assertEquals(zoomScopes, new TreeSet<>(endpoint.scopes()), "scopes of " + endpoint);
  }

  private static void checkRateLimit(ZoomEndpoint endpoint, JsonNode operation) {
    Matcher label = RATE_LABEL.matcher(operation.path("description").asString());
    assertTrue(label.find(), "Zoom's description of " + endpoint + " has no rate-limit label");
    assertEquals(label.group(1), endpoint.category().name(), "rate-limit category of " + endpoint);
  }

  private static void checkResponse(JsonNode doc, JsonNode operation, Sample sample) {
    HttpResponse<String> response = sample.response();
    String status = String.valueOf(response.statusCode());
    JsonNode documented = operation.path("responses").path(status);
    if (!status.startsWith("2") || documented.isMissingNode()) {
      fail(sample.request() + " answered " + status + " " + response.body() + "; Zoom documents "
          + operation.path("responses").propertyNames().stream().filter(code -> code.startsWith("2")).toList());
    }
    JsonNode schema = documented.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      assertEquals("", response.body(), "Zoom documents no body for " + status);
      return;
    }
    Schema validator = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(inline(doc, schema, 0));
    List<Error> errors = validator.validate(json(response));
    assertTrue(errors.isEmpty(), () -> errors.size() + " disagreement(s) with Zoom's response schema:\n  "
        + errors.stream().map(Error::toString).collect(Collectors.joining("\n  ")));
  }

  /** The schema with local {@code $ref}s replaced by what they point at, so the validator needs no document. */
  private static JsonNode inline(JsonNode doc, JsonNode schema, int depth) {
    if (depth > 64) {
      throw new AssertionError("$ref nesting too deep in Zoom's OpenAPI (a cycle?)");
    }
    if (schema.isObject() && schema.has("$ref")) {
      String ref = schema.get("$ref").asString();
      JsonNode target = ref.startsWith("#") ? doc.at(ref.substring(1)) : null;
      if (target == null || target.isMissingNode()) {
        throw new AssertionError("cannot resolve $ref " + ref + " in Zoom's OpenAPI");
      }
      return inline(doc, target, depth + 1);
    }
    if (schema.isObject()) {
      ObjectNode copy = SandboxFixture.MAPPER.createObjectNode();
      schema.properties().forEach(entry -> copy.set(entry.getKey(), inline(doc, entry.getValue(), depth + 1)));
      return copy;
    }
    if (schema.isArray()) {
      var copy = SandboxFixture.MAPPER.createArrayNode();
      schema.forEach(item -> copy.add(inline(doc, item, depth + 1)));
      return copy;
    }
    return schema;
  }
}
