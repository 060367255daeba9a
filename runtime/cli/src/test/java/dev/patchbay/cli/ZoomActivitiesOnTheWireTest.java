package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every Zoom activity through the built plugin zip, the real runner and a stored connection, against MockWebServer:
 * the exact requests on the wire (method, path and query as sent, bearer header, JSON body) and the mapped output.
 */
class ZoomActivitiesOnTheWireTest {

  static final String TOKEN = "wire-test-token";
  static final String USER = "{\"id\":\"u1\",\"account_id\":\"a1\",\"email\":\"ada@example.test\","
      + "\"display_name\":\"Ada\",\"type\":2,\"status\":\"active\"}";
  static final String MEETING = "{\"id\":9007199254740993,\"uuid\":\"abc==\",\"topic\":\"Standup\",\"type\":2,"
      + "\"host_id\":\"u1\",\"start_time\":\"2026-12-01T09:00:00Z\",\"duration\":30,\"status\":\"waiting\"}";

  @TempDir
  Path home;

  final MockWebServer server = new MockWebServer();
  final BlockingQueue<MockResponse> script = new LinkedBlockingQueue<>();
  final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
  PatchbayRuntime runtime;

  @BeforeEach
  void connect() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/oauth/token")) {
          return json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600,"
              + "\"scope\":\"meeting:read meeting:write recording:read recording:write user:read\"}");
        }
        if (request.getUrl().encodedPath().equals("/v2/users/me") && apiRequests.isEmpty() && script.isEmpty()) {
          return json(200, USER);
        }
        apiRequests.add(request);
        MockResponse next = script.poll();
        return next != null ? next : json(500, "{\"code\":500,\"message\":\"unscripted\"}");
      }
    });
    server.start();
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=")).start();
    runtime.connections().add(new NewConnection("zoom", "server-to-server", "wire",
        Map.of("accountId", "acct", "clientId", "client"), Map.of("clientSecret", Secret.of("secret")),
        server.url("/v2").toString(), null, server.url("/oauth/token").toString(), null), url -> {
          throw new AssertionError("server-to-server never opens a browser");
        });
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().code(204).build();
  }

  JsonNode run(String activity, String input, MockResponse... answers) throws Exception {
    apiRequests.clear();
    script.addAll(List.of(answers));
    ActivityResult result = runtime.activities().run(activity, "wire", Json.MAPPER.readTree(input));
    assertTrue(script.isEmpty(), "every scripted answer was used");
    for (RecordedRequest request : apiRequests) {
      assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
      assertNull(request.getUrl().queryParameter("access_token"), "tokens only in the header");
    }
    return result.output();
  }

  static void assertRequest(RecordedRequest request, String method, String target, String body) {
    assertEquals(method + " " + target, request.getMethod() + " " + request.getTarget());
    if (body == null) {
      assertEquals(0, request.getBodySize(), "no body");
    } else {
      assertEquals(Json.MAPPER.readTree(body), Json.MAPPER.readTree(request.getBody().utf8()));
      assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    }
  }

  @Test
  void usersGetCurrentAndGet() throws Exception {
    assertEquals("u1", run("zoom/users.getCurrent", "{}", json(200, USER)).get("id").asString());
    assertRequest(apiRequests.get(0), "GET", "/v2/users/me", null);

    run("zoom/users.get", "{\"userId\":\"ada@example.test\"}", json(200, USER));
    assertRequest(apiRequests.get(0), "GET", "/v2/users/ada%40example.test", null);
  }

  @Test
  void meetingsCreateSendsTheBodyWithoutUserId() throws Exception {
    JsonNode output = run("zoom/meetings.create",
        "{\"topic\":\"Standup\",\"type\":2,\"start_time\":\"2026-12-01T09:00:00Z\",\"duration\":30}",
        json(201, MEETING));

    assertRequest(apiRequests.get(0), "POST", "/v2/users/me/meetings",
        "{\"topic\":\"Standup\",\"type\":2,\"start_time\":\"2026-12-01T09:00:00Z\",\"duration\":30}");
    assertEquals("9007199254740993", output.get("id").asString(), "int64 ids keep every digit");
  }

  @Test
  void meetingsGetWithOccurrence() throws Exception {
    run("zoom/meetings.get", "{\"meetingId\":9007199254740993,\"occurrence_id\":\"1648\","
        + "\"show_previous_occurrences\":true}", json(200, MEETING));

    assertRequest(apiRequests.get(0), "GET",
        "/v2/meetings/9007199254740993?occurrence_id=1648&show_previous_occurrences=true", null);
  }

  @Test
  void meetingsListFollowsTheCursorWithIdenticalParameters() throws Exception {
    JsonNode output = run("zoom/meetings.list", "{\"type\":\"upcoming\",\"from\":\"2026-12-01\",\"to\":\"2026-12-07\"}",
        json(200, "{\"next_page_token\":\"p2\",\"meetings\":[" + MEETING + "]}"),
        json(200, "{\"next_page_token\":\"\",\"meetings\":[" + MEETING.replace("Standup", "Retro") + "]}"));

    assertRequest(apiRequests.get(0), "GET",
        "/v2/users/me/meetings?type=upcoming&from=2026-12-01&to=2026-12-07&page_size=300", null);
    assertRequest(apiRequests.get(1), "GET",
        "/v2/users/me/meetings?type=upcoming&from=2026-12-01&to=2026-12-07&page_size=300&next_page_token=p2", null);
    assertEquals(2, output.get("meetings").size());
    assertEquals("Retro", output.get("meetings").get(1).get("topic").asString());
  }

  @Test
  void meetingsUpdatePatchesThenReadsBack() throws Exception {
    JsonNode output = run("zoom/meetings.update", "{\"meetingId\":9007199254740993,\"topic\":\"Renamed\"}",
        noContent(), json(200, MEETING.replace("Standup", "Renamed")));

    assertRequest(apiRequests.get(0), "PATCH", "/v2/meetings/9007199254740993", "{\"topic\":\"Renamed\"}");
    assertRequest(apiRequests.get(1), "GET", "/v2/meetings/9007199254740993", null);
    assertEquals("Renamed", output.get("topic").asString());
  }

  @Test
  void meetingsDeleteAndEnd() throws Exception {
    JsonNode deleted = run("zoom/meetings.delete", "{\"meetingId\":85746065432,\"cancel_meeting_reminder\":true}",
        noContent());
    assertRequest(apiRequests.get(0), "DELETE", "/v2/meetings/85746065432?cancel_meeting_reminder=true", null);
    assertEquals("{\"meetingId\":85746065432,\"deleted\":true}", deleted.toString());

    JsonNode ended = run("zoom/meetings.end", "{\"meetingId\":85746065432}", noContent());
    assertRequest(apiRequests.get(0), "PUT", "/v2/meetings/85746065432/status", "{\"action\":\"end\"}");
    assertEquals("{\"meetingId\":85746065432,\"ended\":true}", ended.toString());
  }

  @Test
  void meetingsEndWhoseAnswerWasLostIsDoneWhenTheRetryFindsTheMeetingOver() throws Exception {
    JsonNode ended = run("zoom/meetings.end", "{\"meetingId\":85746065432}",
        new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build(),
        json(400, "{\"code\":3000,\"message\":\"Meeting 85746065432 is not in progress.\"}"));

    assertEquals(2, apiRequests.size(), "sent again after the lost answer");
    assertRequest(apiRequests.get(1), "PUT", "/v2/meetings/85746065432/status", "{\"action\":\"end\"}");
    assertEquals("{\"meetingId\":85746065432,\"ended\":true}", ended.toString());
  }

  @Test
  void recordingsListSplitsA40DayRangeIntoTwoWindows() throws Exception {
    String page = "{\"from\":\"x\",\"to\":\"y\",\"next_page_token\":\"\",\"meetings\":[]}";

    run("zoom/recordings.list", "{\"from\":\"2026-01-01\",\"to\":\"2026-02-09\"}", json(200, page), json(200, page));

    assertRequest(apiRequests.get(0), "GET", "/v2/users/me/recordings?from=2026-01-01&to=2026-01-31&page_size=300",
        null);
    assertRequest(apiRequests.get(1), "GET", "/v2/users/me/recordings?from=2026-02-01&to=2026-02-09&page_size=300",
        null);
  }

  @Test
  void recordingsGetDoubleEncodesASlashUuid() throws Exception {
    run("zoom/recordings.get", "{\"meetingId\":\"/abc==\"}",
        json(200, "{\"uuid\":\"/abc==\",\"id\":1,\"recording_files\":[]}"));

    assertRequest(apiRequests.get(0), "GET", "/v2/meetings/%252Fabc%253D%253D/recordings", null);
  }

  @Test
  void recordingsDeleteOneFileOrAllWithTheDefaultAction() throws Exception {
    run("zoom/recordings.delete", "{\"meetingId\":123,\"recordingId\":\"r1\",\"action\":\"delete\"}", noContent());
    assertRequest(apiRequests.get(0), "DELETE", "/v2/meetings/123/recordings/r1?action=delete", null);

    run("zoom/recordings.delete", "{\"meetingId\":123}", noContent());
    assertRequest(apiRequests.get(0), "DELETE", "/v2/meetings/123/recordings?action=trash", null);
  }

  @Test
  void recordingsDownloadFollowsTheRedirectWithTheBearerAndChecksTheSize() throws Exception {
    byte[] content = "0123456789".repeat(100).getBytes();
    String recording = "{\"uuid\":\"abc==\",\"id\":123,\"start_time\":\"2026-11-02T10:00:00Z\",\"recording_files\":[{"
        + "\"id\":\"f1\",\"file_type\":\"MP4\",\"file_extension\":\"MP4\",\"file_size\":" + content.length + ","
        + "\"recording_type\":\"active_speaker\",\"status\":\"completed\",\"download_url\":\""
        + server.url("/rec/download/f1") + "\"}]}";
    Path folder = home.resolve("downloads");

    JsonNode output = run("zoom/recordings.download", "{\"meetingId\":123,\"directory\":\"" + folder + "\"}",
        json(200, recording),
        new MockResponse.Builder().code(302).setHeader("Location", server.url("/rec/files/f1")).build(),
        new MockResponse.Builder().code(200).setHeader("Content-Type", "video/mp4")
            .body(new okio.Buffer().write(content)).build());

    assertRequest(apiRequests.get(0), "GET", "/v2/meetings/123/recordings", null);
    assertRequest(apiRequests.get(1), "GET", "/rec/download/f1", null);
    assertRequest(apiRequests.get(2), "GET", "/rec/files/f1", null);
    JsonNode file = output.get("files").get(0);
    assertEquals(content.length, file.get("bytes").asLong());
    assertEquals(List.of(Path.of(file.get("path").asString())), Files.list(folder).toList());
    assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(Path.of(file.get("path").asString()))));
  }
}
