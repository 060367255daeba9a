package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.doubleEncoded;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The cloud-recording endpoints over the default seed (clock at 2026-03-10T09:30Z, "now" 09:00). */
class RecordingsApiTest {

  private static final String LATEST_SYNC = "/gkT2xY6QqWzL0m1N2b3cQ==";
  private static final String SECOND_SYNC = "Ab3//kPq9sTuVwXyZ0aB1g==";
  private static final String FIRST_SYNC = "Cd7eFg8hIj9kLm0nOp1qRs==";
  private static final String DEMO = "Kl7mNo8pQr9sTu0vWx1yZa==";
  private static final String ONBOARDING = "Jk2lMn3oPq4rSt5uVw6xYz==";
  private static final String MONTH = "?from=2026-02-10&to=2026-03-10";

  private SandboxFixture zoom;
  private String token;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
    token = zoom.accessToken();
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  private JsonNode list(String query) {
    HttpResponse<String> response = zoom.get("/v2/users/me/recordings" + query, token);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  private static List<String> uuids(JsonNode listing) {
    List<String> uuids = new ArrayList<>();
    listing.path("meetings").forEach(meeting -> uuids.add(meeting.path("uuid").asString()));
    return uuids;
  }

  @Test
  void theDefaultRangeIsTodayToTomorrow() {
    JsonNode listing = list("");

    assertEquals("2026-03-10", listing.path("from").asString());
    assertEquals("2026-03-11", listing.path("to").asString());
    assertEquals(0, listing.path("total_records").asInt());
    assertEquals("", listing.path("next_page_token").asString());
  }

  @Test
  void aMonthListsTheUsersRecordingsNewestFirst() {
    JsonNode listing = list(MONTH);

    assertEquals(List.of("Tu2vWx3yZa4bCd5eFg6hIj==", LATEST_SYNC, SECOND_SYNC, FIRST_SYNC, DEMO), uuids(listing));
    JsonNode demo = listing.path("meetings").get(4);
    assertEquals(81000000012L, demo.path("id").asLong());
    assertEquals("2", demo.path("type").asString());
    assertEquals("pbxSandboxAccount00001", demo.path("account_id").asString());
    assertEquals(3, demo.path("recording_count").asInt(), "the trashed chat file is not listed");
    assertEquals(524288 + 212992 + 102400, demo.path("total_size").asLong());
    JsonNode file = demo.path("recording_files").get(0);
    assertEquals(DEMO, file.path("meeting_id").asString());
    assertEquals("MP4", file.path("file_type").asString());
    assertEquals("completed", file.path("status").asString());
    assertTrue(file.path("download_url").asString().startsWith(zoom.sandbox.origin() + "/rec/download/"));
    assertFalse(file.has("deleted_time"));
  }

  @Test
  void aRangeLongerThanAMonthIsRefused() {
    HttpResponse<String> tooLong = zoom.get("/v2/users/me/recordings?from=2026-02-09&to=2026-03-10", token);
    HttpResponse<String> backwards = zoom.get("/v2/users/me/recordings?from=2026-03-10&to=2026-03-01", token);
    HttpResponse<String> notADate = zoom.get("/v2/users/me/recordings?from=March", token);

    assertEquals(400, tooLong.statusCode());
    assertEquals(300, json(tooLong).path("code").asInt());
    assertEquals(300, json(backwards).path("code").asInt());
    assertEquals("from", json(notADate).path("errors").get(0).path("field").asString());
  }

  @Test
  void listingsPageLikeMeetings() {
    List<String> seen = new ArrayList<>();
    String next = "";
    do {
      JsonNode page = list(MONTH + "&page_size=2" + (next.isEmpty() ? "" : "&next_page_token=" + next));
      assertEquals(5, page.path("total_records").asInt());
      assertEquals(3, page.path("page_count").asInt());
      seen.addAll(uuids(page));
      next = page.path("next_page_token").asString();
    } while (!next.isEmpty());

    assertEquals(uuids(list(MONTH)), seen);
  }

  @Test
  void anotherUsersRecordingsNeedAnAdminScope() {
    HttpResponse<String> response = zoom.get("/v2/users/" + SandboxFixture.GRACE_ID + "/recordings" + MONTH, token);

    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[recording:read:admin].\"}",
        response.body());
    token = zoom.serverToServerToken();
    assertEquals(List.of("Gh8iJk9lMn0oPq1rSt2uVw=="),
        uuids(json(zoom.get("/v2/users/" + SandboxFixture.GRACE + "/recordings" + MONTH, token))));
  }

  @Test
  void theTrashListsWholeRecordingsOrSingleFilesAndIgnoresDates() {
    JsonNode meetings = list("?trash=true");
    JsonNode files = list("?trash=true&trash_type=recording_file");

    assertEquals(List.of(ONBOARDING), uuids(meetings));
    assertEquals(3, meetings.path("meetings").get(0).path("recording_files").size());
    assertTrue(meetings.path("meetings").get(0).path("recording_files").get(0).has("deleted_time"));
    assertEquals(List.of(DEMO), uuids(files));
    JsonNode chat = files.path("meetings").get(0).path("recording_files");
    assertEquals(1, chat.size());
    assertEquals("CHAT", chat.get(0).path("file_type").asString());
    assertEquals("2026-03-08T09:00:00Z", chat.get(0).path("deleted_time").asString());
  }

  @Test
  void aMeetingIdGivesTheLatestInstanceAndAUuidThatInstance() {
    HttpResponse<String> byId = zoom.get("/v2/meetings/81000000001/recordings", token);
    HttpResponse<String> slashUuid = zoom.get("/v2/meetings/" + doubleEncoded(LATEST_SYNC) + "/recordings", token);
    HttpResponse<String> doubleSlashUuid =
        zoom.get("/v2/meetings/" + doubleEncoded(SECOND_SYNC) + "/recordings", token);
    HttpResponse<String> plainUuid = zoom.get("/v2/meetings/" + URLEncoder.encode(FIRST_SYNC,
        StandardCharsets.UTF_8) + "/recordings", token);

    assertEquals(200, byId.statusCode(), byId::body);
    JsonNode latest = json(byId);
    assertEquals(LATEST_SYNC, latest.path("uuid").asString());
    assertEquals(3, latest.path("recording_files").size());
    assertFalse(latest.path("password").asString().isEmpty());
    assertEquals(LATEST_SYNC, json(slashUuid).path("uuid").asString());
    assertEquals(SECOND_SYNC, json(doubleSlashUuid).path("uuid").asString());
    assertEquals(FIRST_SYNC, json(plainUuid).path("uuid").asString());
  }

  @Test
  void aUuidWithSlashesEncodedOnceMissesAsOnZoom() {
    String once = URLEncoder.encode(LATEST_SYNC, StandardCharsets.UTF_8);

    assertEquals(404, zoom.get("/v2/meetings/" + once + "/recordings", token).statusCode());
  }

  @Test
  void noRecordingIs3301() {
    HttpResponse<String> response = zoom.get("/v2/meetings/81000000002/recordings", token);

    assertEquals(404, response.statusCode());
    assertEquals("{\"code\":3301,\"message\":\"There is no recording for this meeting.\"}", response.body());
    assertEquals(3301, json(zoom.get("/v2/meetings/" + doubleEncoded(ONBOARDING) + "/recordings", token))
        .path("code").asInt(), "a trashed recording is not served");
  }

  @Test
  void deletingToTheTrashKeepsTheRecordingListableThere() {
    HttpResponse<String> trashed = zoom.send("DELETE", "/v2/meetings/" + doubleEncoded(SECOND_SYNC) + "/recordings",
        token, null);

    assertEquals(204, trashed.statusCode(), trashed::body);
    assertEquals(3301, json(zoom.get("/v2/meetings/" + doubleEncoded(SECOND_SYNC) + "/recordings", token))
        .path("code").asInt());
    assertFalse(uuids(list(MONTH)).contains(SECOND_SYNC));
    assertTrue(uuids(list("?trash=true")).contains(SECOND_SYNC));
  }

  @Test
  void deletingForGoodRemovesTheLatestInstanceOfAMeetingId() {
    HttpResponse<String> deleted = zoom.send("DELETE", "/v2/meetings/81000000001/recordings?action=delete", token,
        null);

    assertEquals(204, deleted.statusCode(), deleted::body);
    assertFalse(uuids(list(MONTH)).contains(LATEST_SYNC));
    assertFalse(uuids(list("?trash=true")).contains(LATEST_SYNC));
    assertEquals(SECOND_SYNC, json(zoom.get("/v2/meetings/81000000001/recordings", token)).path("uuid").asString());
    assertEquals(300, json(zoom.send("DELETE", "/v2/meetings/81000000001/recordings?action=shred", token, null))
        .path("code").asInt());
  }

  @Test
  void oneFileGoesToTheTrashOrAway() {
    JsonNode files = json(zoom.get("/v2/meetings/81000000001/recordings", token)).path("recording_files");
    String mp4 = files.get(0).path("id").asString();
    String m4a = files.get(1).path("id").asString();
    String base = "/v2/meetings/" + doubleEncoded(LATEST_SYNC) + "/recordings/";

    assertEquals(204, zoom.send("DELETE", base + mp4, token, null).statusCode());
    assertEquals(204, zoom.send("DELETE", base + m4a + "?action=delete", token, null).statusCode());

    JsonNode left = json(zoom.get("/v2/meetings/81000000001/recordings", token));
    assertEquals(1, left.path("recording_count").asInt());
    assertEquals("TRANSCRIPT", left.path("recording_files").get(0).path("file_type").asString());
    JsonNode trash = list("?trash=true&trash_type=recording_file");
    assertTrue(uuids(trash).contains(LATEST_SYNC));
    assertEquals(3301, json(zoom.send("DELETE", base + m4a, token, null)).path("code").asInt());
  }

  @Test
  void deletingNeedsAWriteScope() {
    zoom.control().grantedScopes(SandboxApp.OPERATOR.clientId(), List.of("recording:read"));
    token = zoom.accessToken();

    HttpResponse<String> response = zoom.send("DELETE", "/v2/meetings/81000000001/recordings", token, null);

    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[recording:write].\"}",
        response.body());
  }
}
