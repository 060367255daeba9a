package dev.patchbay.zoom;

import dev.patchbay.testkit.OpenApiAgreement;
import dev.patchbay.testkit.OpenApiAgreement.Endpoint;
import dev.patchbay.testkit.OpenApiAgreement.In;
import dev.patchbay.testkit.OpenApiAgreement.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks connector-defs/zoom.json against Zoom's official OpenAPI documents (the API hub JSON that
 * developers.zoom.us renders): every input Patchbay sends exists in the Zoom operation with a compatible type and
 * enum, every output field Patchbay declares exists in Zoom's response with a compatible type, and every scope an
 * operation requires is one Zoom lists for the endpoint: the test kit's {@link OpenApiAgreement}, with the table of
 * which Zoom endpoints each operation calls.
 *
 * <p>The OpenAPI documents are not part of the repository. Point {@code -Dzoom.openapi.dir} at the folder holding
 * {@value #MEETINGS} and {@value #USERS}; without them the tests are skipped with a message.
 */
class ZoomDefinitionAgreesWithOpenApiTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final String MEETINGS = "zoom-meeting-open-api-spec.json";
  private static final String USERS = "zoom-users-open-api-spec.json";

  private static final Endpoint GET_USER = new Endpoint(USERS, "get", "/users/{userId}");
  private static final Endpoint CREATE_MEETING = new Endpoint(MEETINGS, "post", "/users/{userId}/meetings");
  private static final Endpoint LIST_MEETINGS = new Endpoint(MEETINGS, "get", "/users/{userId}/meetings");
  private static final Endpoint GET_MEETING = new Endpoint(MEETINGS, "get", "/meetings/{meetingId}");
  private static final Endpoint UPDATE_MEETING = new Endpoint(MEETINGS, "patch", "/meetings/{meetingId}");
  private static final Endpoint DELETE_MEETING = new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}");
  private static final Endpoint MEETING_STATUS = new Endpoint(MEETINGS, "put", "/meetings/{meetingId}/status");
  private static final Endpoint LIST_RECORDINGS = new Endpoint(MEETINGS, "get", "/users/{userId}/recordings");
  private static final Endpoint GET_RECORDINGS = new Endpoint(MEETINGS, "get", "/meetings/{meetingId}/recordings");
  private static final Endpoint DELETE_RECORDINGS =
      new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}/recordings");
  private static final Endpoint DELETE_RECORDING_FILE =
      new Endpoint(MEETINGS, "delete", "/meetings/{meetingId}/recordings/{recordingId}");

  private static final List<String> MEETING_BODY = List.of(
      "topic", "type", "start_time", "duration", "timezone", "agenda", "password", "default_password",
      "schedule_for", "recurrence", "settings", "template_id", "tracking_fields", "pre_schedule");

  /** The operation table: operation id to the Zoom endpoints it uses and where each input goes. */
  private static final Map<String, Mapping> TABLE = table();

  private static Map<String, Mapping> table() {
    Map<String, Mapping> t = new LinkedHashMap<>();
    t.put("users.getCurrent", new Mapping(List.of(GET_USER), Map.of(), GET_USER, List.of(GET_USER)));
    t.put("users.get", new Mapping(List.of(GET_USER), Map.of("userId", In.PATH), GET_USER, List.of(GET_USER)));

    Map<String, In> create = new LinkedHashMap<>();
    create.put("userId", In.PATH);
    MEETING_BODY.forEach(field -> create.put(field, In.BODY));
    t.put("meetings.create", new Mapping(List.of(CREATE_MEETING), create, CREATE_MEETING, List.of(CREATE_MEETING)));

    t.put("meetings.get", new Mapping(List.of(GET_MEETING),
        Map.of("meetingId", In.PATH, "occurrence_id", In.QUERY, "show_previous_occurrences", In.QUERY),
        GET_MEETING, List.of(GET_MEETING)));

    t.put("meetings.list", new Mapping(List.of(LIST_MEETINGS),
        Map.of("userId", In.PATH, "type", In.QUERY, "from", In.QUERY, "to", In.QUERY, "timezone", In.QUERY,
            "pageSize", In.LOCAL, "maxItems", In.LOCAL),
        LIST_MEETINGS, List.of(LIST_MEETINGS)));

    Map<String, In> update = new LinkedHashMap<>();
    update.put("meetingId", In.PATH);
    update.put("occurrence_id", In.QUERY);
    // Zoom's PATCH body has no default_password; everything else is the create body.
    MEETING_BODY.stream()
        .filter(field -> !"default_password".equals(field))
        .forEach(field -> update.put(field, In.BODY));
    // Zoom answers the PATCH with 204; Patchbay reads the meeting back, so the output mirrors GET /meetings/{id}.
    t.put("meetings.update", new Mapping(List.of(UPDATE_MEETING), update, GET_MEETING, List.of(UPDATE_MEETING)));

    t.put("meetings.delete", new Mapping(List.of(DELETE_MEETING),
        Map.of("meetingId", In.PATH, "occurrence_id", In.QUERY, "schedule_for_reminder", In.QUERY,
            "cancel_meeting_reminder", In.QUERY),
        null, List.of(DELETE_MEETING)));

    t.put("meetings.end", new Mapping(List.of(MEETING_STATUS), Map.of("meetingId", In.PATH), null,
        List.of(MEETING_STATUS)));

    t.put("recordings.list", new Mapping(List.of(LIST_RECORDINGS),
        Map.of("userId", In.PATH, "from", In.QUERY, "to", In.QUERY, "trash", In.QUERY, "trash_type", In.QUERY,
            "pageSize", In.LOCAL, "maxItems", In.LOCAL),
        LIST_RECORDINGS, List.of(LIST_RECORDINGS)));

    t.put("recordings.get", new Mapping(List.of(GET_RECORDINGS), Map.of("meetingId", In.PATH), GET_RECORDINGS,
        List.of(GET_RECORDINGS)));

    // recordingId picks a file out of GET /meetings/{meetingId}/recordings; the download itself goes to download_url.
    t.put("recordings.download", new Mapping(List.of(GET_RECORDINGS),
        Map.of("meetingId", In.PATH, "recordingId", In.LOCAL, "directory", In.LOCAL, "overwrite", In.LOCAL),
        null, List.of(GET_RECORDINGS)));

    t.put("recordings.delete", new Mapping(List.of(DELETE_RECORDINGS, DELETE_RECORDING_FILE),
        Map.of("meetingId", In.PATH, "recordingId", In.PATH, "action", In.QUERY),
        null, List.of(DELETE_RECORDINGS, DELETE_RECORDING_FILE)));
    return t;
  }

  private static Map<String, JsonNode> openApi;
  private static JsonNode definition;

  /**
   * Loads zoom.json and Zoom's OpenAPI documents.
   *
   * @return null when loaded, otherwise why the check cannot run (Zoom's documents are absent)
   */
  private static String load() {
    Path definitionFile = Path.of(System.getProperty("zoom.definition", "../../connector-defs/zoom.json"));
    Path openApiDir = Path.of(System.getProperty("zoom.openapi.dir", "../../../shared/zoom/openapi"));
    String howToRun = ": skipping the check of zoom.json against Zoom's OpenAPI. Set -Dzoom.openapi.dir=<folder "
        + "holding " + MEETINGS + " and " + USERS + "> (Zoom's API hub JSON) to run it.";
    if (!Files.isDirectory(openApiDir)) {
      return "Zoom's OpenAPI folder " + openApiDir.toAbsolutePath().normalize() + " does not exist" + howToRun;
    }
    Map<String, JsonNode> documents = new HashMap<>();
    for (String file : List.of(MEETINGS, USERS)) {
      Path path = openApiDir.resolve(file);
      if (!Files.isRegularFile(path)) {
        return "Zoom's OpenAPI document " + path.toAbsolutePath().normalize() + " is missing" + howToRun;
      }
      documents.put(file, read(path));
    }
    openApi = documents;
    definition = read(definitionFile);
    return null;
  }

  @TestFactory
  Stream<DynamicNode> definitionAgreesWithZoomOpenApi() {
    String absent = load();
    if (absent != null) {
      return Stream.of(DynamicTest.dynamicTest("Zoom's OpenAPI documents are present",
          () -> Assumptions.assumeTrue(false, absent)));
    }
    OpenApiAgreement agreement = OpenApiAgreement.of(definition, openApi)
        .scopeExtensions("x-macro-scopes", "x-granular-scopes")
        .scopeRule(ZoomDefinitionAgreesWithOpenApiTest::userInfoOnlyForMe);
    TABLE.forEach(agreement::operation);
    return agreement.tests();
  }

  /** Zoom accepts user_info:read only for userId 'me' where its endpoint's description says so. */
  private static List<String> userInfoOnlyForMe(String id, JsonNode operation, List<JsonNode> zoomOperations) {
    boolean onlyForMe = zoomOperations.stream().anyMatch(op -> op.path("description").asString("")
        .contains("`user_info:read` scope is only available when you pass the `me` value"));
    boolean takesAnyUser = operation.path("input").path("properties").has("userId");
    boolean requiresUserInfo = false;
    for (JsonNode alternative : operation.path("requiredScopes")) {
      for (JsonNode scope : alternative) {
        requiresUserInfo |= "user_info:read".equals(scope.asString());
      }
    }
    return onlyForMe && takesAnyUser && requiresUserInfo
        ? List.of(id + ": takes any userId but requires user_info:read, which Zoom accepts only for userId 'me'")
        : List.of();
  }

  private static JsonNode read(Path path) {
    try {
      return MAPPER.readTree(Files.readString(path));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
    }
  }
}
