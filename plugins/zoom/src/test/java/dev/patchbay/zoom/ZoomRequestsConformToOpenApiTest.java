package dev.patchbay.zoom;

import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.patchbay.api.Activity;
import dev.patchbay.zoom.conformance.RecordedRequest;
import dev.patchbay.zoom.conformance.RequestConformance;
import dev.patchbay.zoom.conformance.ZoomOpenApi;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs every activity of {@link ZoomConnector} on realistic inputs (together they give every input the definition
 * declares, nested ones included), against minimal successful answers, and checks each request it sends to Zoom's
 * API against Zoom's official OpenAPI documents: the path matches exactly one operation, the query parameters are
 * declared and valid, and the body is there exactly when Zoom takes one and is valid against Zoom's schema (see
 * {@link RequestConformance} for the rules). Paginated listings are checked by their first page; a download goes to
 * the file's download_url rather than to the API, so it is not checked here.
 *
 * <p>The documents are not part of the repository. Point {@code -Dzoom.openapi.dir} at the folder holding
 * {@value ZoomOpenApi#MEETINGS} and {@value ZoomOpenApi#USERS}; without them the test is skipped with a message.
 */
class ZoomRequestsConformToOpenApiTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** "Today" for recordings.list's default range: 2026-02-13 to 2026-03-15, which is two windows. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

  /** 2^53 + 1: an int64 meeting id a double would round. */
  private static final String BIG_ID = "9007199254740993";
  /** Zoom's own example of a UUID that starts with "/", which must be double-encoded. */
  private static final String SLASH_UUID = "\"/ajXp112QmuoKj4854875==\"";
  /** A UUID that contains "//", which must be double-encoded. */
  private static final String DOUBLE_SLASH_UUID = "\"gkAb5VEvRp2//s0ctKxXLA==\"";
  /** A UUID without either, encoded once. */
  private static final String PLAIN_UUID = "\"aDYlohsHRtCd4ii1uC2+hA==\"";

  private static final String USER = """
      {"id":"KDcuGIm1QgePTO8WbOqwIQ","account_id":"D8cJuqWVQ623CI4Q8yQK0Q","email":"jchill@example.com",
       "first_name":"Jill","last_name":"Chill","type":2,"pmi":3542471135}""";

  private static final String MEETING = """
      {"id":85746065432,"uuid":"aDYlohsHRtCd4ii1uC2+hA==","topic":"Standup","type":2,
       "start_time":"2026-03-02T09:00:00Z","duration":30,"join_url":"https://zoom.us/j/85746065432"}""";

  private static final String RECORDINGS = """
      {"uuid":"/ajXp112QmuoKj4854875==","id":85746065432,"topic":"Standup","start_time":"2026-01-05T10:00:00Z",
       "recording_files":[{"id":"f1","file_type":"MP4","file_extension":"MP4","file_size":3,"status":"completed",
         "recording_type":"shared_screen_with_speaker_view","download_url":"https://zoom.us/rec/download/f1"}]}""";

  /** Every meeting setting the definition declares, with values a real meeting could have. */
  private static final String EVERY_SETTING = """
      {"host_video":true,"participant_video":false,"join_before_host":true,"jbh_time":10,"mute_upon_entry":true,
       "waiting_room":false,"audio":"voip","auto_recording":"cloud",
       "alternative_hosts":"ann@example.com;bob@example.com","alternative_hosts_email_notification":true,
       "approval_type":0,"registration_type":1,"meeting_authentication":true,
       "authentication_option":"signIn_D8cJuqWVQ623CI4Q8yQK0Q","authentication_domains":"example.com,example.org",
       "email_notification":true,"meeting_invitees":[{"email":"carol@example.com"},{"email":"dave@example.com"}],
       "use_pmi":false,"private_meeting":false,"encryption_type":"enhanced_encryption","focus_mode":false,
       "watermark":true,"close_registration":true,"contact_name":"Jill Chill","contact_email":"jchill@example.com",
       "cn_meeting":false,"in_meeting":false,"calendar_type":1,"internal_meeting":true,
       "auto_start_meeting_summary":true,"host_save_video_order":true,"allow_multiple_devices":true,
       "show_share_button":true}""";

  /**
   * One run of an activity.
   *
   * @param requests how many API requests it must send (downloads not counted)
   * @param script the minimal successful answers, in order
   */
  private record Scenario(String activity, String name, String input, int requests, Consumer<RecordingHttp> script) {}

  /** What a scenario did: every call, and how it ended. */
  private record Run(List<RecordingHttp.Call> calls, Throwable failure, boolean scriptDone) {

    List<RecordedRequest> requests() {
      return calls.stream().map(RecordedRequest::of).flatMap(Optional::stream).toList();
    }
  }

  /** A request the check must reject, by the rule named and with the fragment in the message. */
  private record Control(String name, RecordedRequest request, String rule, String fragment) {}

  @TempDir Path downloads;

  @TestFactory
  Stream<DynamicNode> requestsConformToZoomOpenApi() {
    Path directory = Path.of(System.getProperty("zoom.openapi.dir", "../../../shared/zoom/openapi"));
    String absent = ZoomOpenApi.whyAbsent(directory);
    if (absent != null) {
      String message = absent + ": skipping the check of the Zoom plugin's requests against Zoom's OpenAPI. Set "
          + "-Dzoom.openapi.dir=<folder holding " + ZoomOpenApi.MEETINGS + " and " + ZoomOpenApi.USERS + "> (Zoom's "
          + "API hub JSON) to run it.";
      return Stream.of(dynamicTest("Zoom's OpenAPI documents are present",
          () -> Assumptions.assumeTrue(false, message)));
    }
    RequestConformance conformance = new RequestConformance(ZoomOpenApi.load(directory));
    JsonNode definition = definition();
    Map<String, Activity> activities = new ZoomConnector(CLOCK).activities();
    List<Scenario> scenarios = scenarios();

    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(dynamicTest("every activity of ZoomConnector has a scenario, and every scenario an activity", () ->
        assertEquals(new TreeSet<>(activities.keySet()),
            scenarios.stream().map(Scenario::activity).collect(Collectors.toCollection(TreeSet::new)))));
    nodes.add(dynamicContainer("the scenarios give every input the definition declares",
        activities.keySet().stream().sorted().map(activity -> dynamicTest(activity,
            () -> checkInputCoverage(activity, inputSchema(definition, activity), scenarios)))));
    nodes.add(dynamicContainer("negative controls: the check rejects", negativeControls(conformance)));

    Map<String, List<DynamicNode>> byActivity = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      byActivity.computeIfAbsent(scenario.activity(), a -> new ArrayList<>())
          .add(scenarioNode(scenario, activities.get(scenario.activity()), definition, conformance));
    }
    byActivity.forEach((activity, scenarioNodes) -> nodes.add(dynamicContainer(activity, scenarioNodes)));
    return nodes.stream();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Scenarios

  private List<Scenario> scenarios() {
    List<Scenario> s = new ArrayList<>();

    s.add(new Scenario("users.getCurrent", "the connected user", "{}", 1, ok(USER)));
    s.add(new Scenario("users.get", "by email address", "{\"userId\":\"jchill@example.com\"}", 1, ok(USER)));
    s.add(new Scenario("users.get", "by user id", "{\"userId\":\"KDcuGIm1QgePTO8WbOqwIQ\"}", 1, ok(USER)));
    s.add(new Scenario("users.get", "me", "{\"userId\":\"me\"}", 1, ok(USER)));

    s.add(new Scenario("meetings.create", "a weekly series with registration and every setting", """
        {"topic":"Weekly design review","type":8,"start_time":"2026-03-17T16:00:00Z","duration":60,
         "timezone":"America/Los_Angeles","agenda":"Open design questions, one at a time","password":"Rev1ew@26",
         "recurrence":{"type":2,"repeat_interval":1,"weekly_days":"3","end_times":12},
         "settings":%s,
         "tracking_fields":[{"field":"cost_center","value":"R&D-42"}]}""".formatted(EVERY_SETTING),
        1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a one-off meeting scheduled for a colleague from a template", """
        {"topic":"Quarterly planning","type":2,"start_time":"2026-04-01T08:00:00Z","duration":90,
         "timezone":"Europe/Berlin","agenda":"Roadmap, budget, hiring","default_password":false,
         "schedule_for":"sam@example.com","template_id":"AdxbhxCzKgSiWAw",
         "settings":{"auto_recording":"cloud","waiting_room":true}}""", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a meeting for another user of the account", """
        {"userId":"KDcuGIm1QgePTO8WbOqwIQ","topic":"1:1","type":2,"start_time":"2026-03-20T13:30:00Z",
         "duration":30}""", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a monthly series on the last Friday, ending on a date", """
        {"topic":"Monthly review","type":8,"start_time":"2026-03-27T15:00:00Z","duration":45,"timezone":"UTC",
         "recurrence":{"type":3,"repeat_interval":1,"monthly_week":-1,"monthly_week_day":6,
                       "end_date_time":"2026-12-31T23:59:00Z"}}""", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a series every second month on the 15th", """
        {"topic":"Board prep","type":8,"start_time":"2026-04-15T09:00:00Z","duration":120,
         "recurrence":{"type":3,"repeat_interval":2,"monthly_day":15,"end_times":6}}""", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a daily stand-up series", """
        {"topic":"Standup","type":8,"start_time":"2026-03-16T08:45:00Z","duration":15,
         "recurrence":{"type":1,"repeat_interval":1,"end_times":20},
         "settings":{"join_before_host":true,"jbh_time":5}}""", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "a recurring meeting with no fixed time, pre-scheduled for Google",
        "{\"topic\":\"Office hours\",\"type\":3,\"pre_schedule\":true}", 1, created(MEETING)));
    s.add(new Scenario("meetings.create", "an instant meeting", "{\"topic\":\"Quick sync\",\"type\":1}", 1,
        created(MEETING)));
    s.add(new Scenario("meetings.create", "a screen-share-only meeting", "{\"topic\":\"Demo\",\"type\":10}", 1,
        created(MEETING)));
    s.add(new Scenario("meetings.create", "nothing but the defaults", "{}", 1, created(MEETING)));

    s.add(new Scenario("meetings.get", "a meeting", "{\"meetingId\":85746065432}", 1, ok(MEETING)));
    s.add(new Scenario("meetings.get", "one occurrence of an int64 id, with previous occurrences", """
        {"meetingId":%s,"occurrence_id":"1648194360000","show_previous_occurrences":true}""".formatted(BIG_ID),
        1, ok(MEETING)));

    s.add(new Scenario("meetings.list", "my meetings with the defaults", "{}", 1, pages(1)));
    s.add(new Scenario("meetings.list", "every filter, for another user", """
        {"userId":"sam@example.com","type":"upcoming","from":"2026-03-01","to":"2026-03-31",
         "timezone":"Europe/Berlin","pageSize":50,"maxItems":120}""", 1, pages(1)));
    for (String type : List.of("scheduled", "live", "upcoming_meetings")) {
      s.add(new Scenario("meetings.list", "type " + type, "{\"type\":\"" + type + "\"}", 1, pages(1)));
    }
    s.add(new Scenario("meetings.list", "last month's ended meetings", """
        {"type":"previous_meetings","from":"2026-02-01","to":"2026-02-28","pageSize":300}""", 1, pages(1)));

    Consumer<RecordingHttp> updated = noContent().andThen(ok(MEETING));
    s.add(new Scenario("meetings.update", "every field of the whole series", """
        {"meetingId":%s,"topic":"Weekly design review (new time)","type":8,"start_time":"2026-03-19T17:00:00Z",
         "duration":50,"timezone":"America/New_York","agenda":"Moved to Thursdays","password":"Thu@1700",
         "schedule_for":"sam@example.com",
         "recurrence":{"type":2,"repeat_interval":2,"weekly_days":"5","end_date_time":"2026-09-30T23:59:00Z"},
         "settings":%s,
         "template_id":"AdxbhxCzKgSiWAw","tracking_fields":[{"field":"cost_center","value":"R&D-43"}],
         "pre_schedule":false}""".formatted(BIG_ID, EVERY_SETTING), 2, updated));
    s.add(new Scenario("meetings.update", "one occurrence", """
        {"meetingId":85746065432,"occurrence_id":"1648194360000","start_time":"2026-03-24T17:30:00Z",
         "duration":40,"agenda":"Shorter this week",
         "settings":{"host_video":false,"participant_video":false,"join_before_host":false,"mute_upon_entry":true,
                     "waiting_room":true,"watermark":false,"auto_recording":"none"}}""", 2, updated));
    s.add(new Scenario("meetings.update", "the series to the 1st of every month", """
        {"meetingId":85746065432,"recurrence":{"type":3,"repeat_interval":1,"monthly_day":1,"end_times":10}}""",
        2, updated));
    s.add(new Scenario("meetings.update", "the series to the second Tuesday of every month", """
        {"meetingId":85746065432,"recurrence":{"type":3,"monthly_week":2,"monthly_week_day":3,"end_times":6}}""",
        2, updated));
    s.add(new Scenario("meetings.update", "a new topic only", "{\"meetingId\":85746065432,\"topic\":\"Renamed\"}", 2,
        updated));

    s.add(new Scenario("meetings.delete", "a whole meeting", "{\"meetingId\":85746065432}", 1, noContent()));
    s.add(new Scenario("meetings.delete", "one occurrence, telling the hosts but not the registrants", """
        {"meetingId":%s,"occurrence_id":"1648194360000","schedule_for_reminder":true,
         "cancel_meeting_reminder":false}""".formatted(BIG_ID), 1, noContent()));
    s.add(new Scenario("meetings.delete", "telling the registrants but not the hosts", """
        {"meetingId":85746065432,"schedule_for_reminder":false,"cancel_meeting_reminder":true}""", 1,
        noContent()));

    s.add(new Scenario("meetings.end", "a live meeting", "{\"meetingId\":" + BIG_ID + "}", 1, noContent()));

    s.add(new Scenario("recordings.list", "a 40-day range, in two windows", """
        {"from":"2026-01-01","to":"2026-02-09","pageSize":100,"maxItems":500}""", 2, pages(2)));
    s.add(new Scenario("recordings.list", "the default range (the last 30 days), in two windows", "{}", 2,
        pages(2)));
    s.add(new Scenario("recordings.list", "a quarter, in three windows", """
        {"from":"2025-12-01","to":"2026-02-28"}""", 3, pages(3)));
    s.add(new Scenario("recordings.list", "one day of another user", """
        {"userId":"jchill@example.com","from":"2026-03-01","to":"2026-03-01"}""", 1, pages(1)));
    s.add(new Scenario("recordings.list", "single files in the trash", """
        {"trash":true,"trash_type":"recording_file"}""", 2, pages(2)));
    s.add(new Scenario("recordings.list", "whole meetings in another user's trash", """
        {"userId":"KDcuGIm1QgePTO8WbOqwIQ","trash":true,"trash_type":"meeting_recordings",
         "from":"2026-03-01","to":"2026-03-10"}""", 1, pages(1)));

    s.add(new Scenario("recordings.get", "the latest instance of a meeting id", "{\"meetingId\":85746065432}", 1,
        ok(RECORDINGS)));
    s.add(new Scenario("recordings.get", "a UUID that starts with /", "{\"meetingId\":" + SLASH_UUID + "}", 1,
        ok(RECORDINGS)));
    s.add(new Scenario("recordings.get", "a UUID that contains //", "{\"meetingId\":" + DOUBLE_SLASH_UUID + "}", 1,
        ok(RECORDINGS)));
    s.add(new Scenario("recordings.get", "a UUID with + and =", "{\"meetingId\":" + PLAIN_UUID + "}", 1,
        ok(RECORDINGS)));

    Consumer<RecordingHttp> downloaded = ok(RECORDINGS).andThen(http -> http.download("mp4"));
    s.add(new Scenario("recordings.download", "one file of a UUID instance, overwriting", """
        {"meetingId":%s,"recordingId":"f1","directory":%s,"overwrite":true}"""
        .formatted(SLASH_UUID, quoted(downloads.resolve("one"))), 1, downloaded));
    s.add(new Scenario("recordings.download", "every file of a meeting's latest instance", """
        {"meetingId":85746065432,"directory":%s}""".formatted(quoted(downloads.resolve("all"))), 1, downloaded));

    s.add(new Scenario("recordings.delete", "all of a meeting's recordings, to the trash by default",
        "{\"meetingId\":" + BIG_ID + "}", 1, noContent()));
    s.add(new Scenario("recordings.delete", "all of a meeting's recordings, permanently",
        "{\"meetingId\":85746065432,\"action\":\"delete\"}", 1, noContent()));
    s.add(new Scenario("recordings.delete", "one file of a UUID instance that starts with /, permanently", """
        {"meetingId":%s,"recordingId":"a2f19f96-9294-4f51-8134-6f0eea108eb2","action":"delete"}"""
        .formatted(SLASH_UUID), 1, noContent()));
    s.add(new Scenario("recordings.delete", "one file of a UUID instance that contains //, to the trash", """
        {"meetingId":%s,"recordingId":"b3e2a8f1-1c4d-4e5f-9a6b-7c8d9e0f1a2b","action":"trash"}"""
        .formatted(DOUBLE_SLASH_UUID), 1, noContent()));
    return s;
  }

  private static Consumer<RecordingHttp> ok(String body) {
    return http -> http.respond(body);
  }

  private static Consumer<RecordingHttp> created(String body) {
    return http -> http.respond(201, json(body));
  }

  private static Consumer<RecordingHttp> noContent() {
    return RecordingHttp::noContent;
  }

  /** One empty page per window (or one for a plain listing). */
  private static Consumer<RecordingHttp> pages(int count) {
    return http -> {
      for (int i = 0; i < count; i++) {
        http.page("[]");
      }
    };
  }

  private static String quoted(Path path) {
    return JsonNodeFactory.instance.stringNode(path.toString()).toString();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Running a scenario

  private static DynamicNode scenarioNode(Scenario scenario, Activity activity, JsonNode definition,
      RequestConformance conformance) {
    JsonNode schema = inputSchema(definition, scenario.activity());
    JsonNode input = withDefaults(schema, json(scenario.input()));
    Run run = activity == null ? null : run(activity, input, scenario.script());
    String label = scenario.activity() + " (" + scenario.name() + ")";

    List<DynamicNode> checks = new ArrayList<>();
    checks.add(dynamicTest("the runtime accepts the input", () -> {
      List<Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema).validate(input);
      assertTrue(errors.isEmpty(), () -> label + ": the scenario's input is not valid for the definition: " + errors);
    }));
    checks.add(dynamicTest("it runs on minimal answers and sends " + scenario.requests() + " request(s)", () -> {
      assertNotNull(run, label + ": ZoomConnector has no such activity");
      if (run.failure() != null) {
        throw new AssertionError(label + " failed on minimal successful answers: " + run.failure(), run.failure());
      }
      assertTrue(run.scriptDone(), () -> label + " did not use every scripted answer; calls: " + run.calls());
      assertEquals(scenario.requests(), run.requests().size(), () -> label + " sent " + run.requests());
    }));
    if (run != null) {
      for (RecordedRequest request : run.requests()) {
        checks.add(dynamicTest(request.toString(), () -> {
          List<String> problems = conformance.violations(request);
          assertTrue(problems.isEmpty(), () -> label + " sent " + request + ", which breaks Zoom's OpenAPI:\n  "
              + String.join("\n  ", problems));
        }));
      }
    }
    return dynamicContainer(scenario.name(), checks);
  }

  private static Run run(Activity activity, JsonNode input, Consumer<RecordingHttp> script) {
    RecordingHttp http = new RecordingHttp();
    script.accept(http);
    Throwable failure = null;
    try {
      activity.execute(new TestContext(input, http));
    } catch (Exception | AssertionError e) {
      failure = e;
    }
    return new Run(http.calls(), failure, http.scriptDone());
  }

  // ------------------------------------------------------------------------------------------------------------
  // The definition: what the runtime would pass the plugin, and which inputs exist

  private static JsonNode definition() {
    try (InputStream in = ZoomRequestsConformToOpenApiTest.class.getResourceAsStream("/connectors/zoom.json")) {
      assertNotNull(in, "connectors/zoom.json is not on the test classpath");
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read connectors/zoom.json", e);
    }
  }

  private static JsonNode inputSchema(JsonNode definition, String activity) {
    for (JsonNode operation : definition.path("operations")) {
      if (activity.equals(operation.path("id").asString())) {
        return operation.path("input");
      }
    }
    throw new AssertionError("connectors/zoom.json has no operation " + activity);
  }

  /** A copy with the defaults of absent top-level properties, as the runtime prepares an input. */
  private static JsonNode withDefaults(JsonNode schema, JsonNode given) {
    ObjectNode input = (ObjectNode) given.deepCopy();
    schema.path("properties").properties().forEach(property -> {
      if (property.getValue().has("default") && !input.has(property.getKey())) {
        input.set(property.getKey(), property.getValue().get("default").deepCopy());
      }
    });
    return input;
  }

  private static void checkInputCoverage(String activity, JsonNode schema, List<Scenario> scenarios) {
    Set<String> declared = new TreeSet<>();
    declaredInputs(schema, "", declared);
    Set<String> given = new LinkedHashSet<>();
    scenarios.stream().filter(s -> s.activity().equals(activity)).forEach(s -> givenInputs(json(s.input()), "", given));
    declared.removeAll(given);
    assertTrue(declared.isEmpty(), () -> activity + ": no scenario gives the input(s) " + declared);
  }

  private static void declaredInputs(JsonNode schema, String prefix, Set<String> out) {
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String name = prefix + property.getKey();
      out.add(name);
      declaredInputs(property.getValue(), name + "/", out);
      declaredInputs(property.getValue().path("items"), name + "/[]/", out);
    }
  }

  private static void givenInputs(JsonNode value, String prefix, Set<String> out) {
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String name = prefix + field.getKey();
      out.add(name);
      if (field.getValue().isObject()) {
        givenInputs(field.getValue(), name + "/", out);
      } else if (field.getValue().isArray()) {
        field.getValue().forEach(item -> givenInputs(item, name + "/[]/", out));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Negative controls: requests the check must reject, one or more per rule

  private static Stream<DynamicNode> negativeControls(RequestConformance conformance) {
    List<Control> controls = List.of(
        new Control("a meetings.create body with type \"x\"",
            request("POST", "/users/me/meetings", Map.of(), "{\"topic\":\"Standup\",\"type\":\"x\"}"),
            RequestConformance.BODY, "/type"),
        new Control("a Patchbay-only input leaking into the body",
            request("POST", "/users/me/meetings", Map.of(), "{\"topic\":\"Standup\",\"userId\":\"me\"}"),
            RequestConformance.BODY, "/userId"),
        new Control("a nested setting Zoom does not know",
            request("PATCH", "/meetings/85746065432", Map.of(), "{\"settings\":{\"waitingRoom\":true}}"),
            RequestConformance.BODY, "/settings/waitingRoom"),
        new Control("a body on a request that takes none",
            request("DELETE", "/meetings/85746065432", Map.of(), "{}"), RequestConformance.BODY, "takes none"),
        new Control("no body on a request that takes one",
            request("PUT", "/meetings/85746065432/status", Map.of(), null), RequestConformance.BODY, "sent none"),
        new Control("a UUID starting with / encoded only once",
            request("GET", "/meetings/%2FajXp112QmuoKj4854875%3D%3D/recordings", Map.of(), null),
            RequestConformance.PATH, "no operation"),
        new Control("a method Zoom does not offer on a path",
            request("POST", "/meetings/85746065432", Map.of(), "{}"), RequestConformance.PATH, "no operation"),
        new Control("a meeting id that is not a number",
            request("GET", "/meetings/standup", Map.of(), null), RequestConformance.PATH, "{meetingId}"),
        new Control("a query parameter Zoom does not declare",
            request("GET", "/users/me/meetings", Map.of("pageSize", "300"), null), RequestConformance.QUERY,
            "'pageSize'"),
        new Control("a date that is not yyyy-mm-dd",
            request("GET", "/users/me/recordings", Map.of("from", "2026/01/01"), null), RequestConformance.QUERY,
            "'from'"),
        new Control("a page size above Zoom's maximum",
            request("GET", "/users/me/meetings", Map.of("page_size", "301"), null), RequestConformance.QUERY,
            "'page_size'"),
        new Control("a value outside Zoom's enum",
            request("DELETE", "/meetings/85746065432/recordings", Map.of("action", "purge"), null),
            RequestConformance.QUERY, "'action'"),
        new Control("a boolean that is not true or false",
            request("GET", "/meetings/85746065432", Map.of("show_previous_occurrences", "yes"), null),
            RequestConformance.QUERY, "'show_previous_occurrences'"));
    return controls.stream().map(control -> dynamicTest(control.name(), () -> {
      List<String> problems = conformance.violations(control.request());
      assertTrue(problems.stream().anyMatch(p -> p.startsWith(control.rule()) && p.contains(control.fragment())),
          () -> control.request() + " should break " + control.rule() + "mentioning " + control.fragment()
              + "; the check said " + problems);
    }));
  }

  private static RecordedRequest request(String method, String path, Map<String, String> query, String body) {
    return new RecordedRequest(method, path, query, body == null ? null : json(body), false);
  }
}
