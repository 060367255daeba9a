package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.ADA_ID;
import static dev.patchbay.zoom.sandbox.SandboxFixture.GRACE;
import static dev.patchbay.zoom.sandbox.SandboxFixture.GRACE_ID;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The meeting endpoints: create, get, list with pagination, update, delete and the status endpoint. */
class MeetingsApiTest {

  /** Seeded meetings of Ada's (see default-seed.json). */
  private static final long WEEKLY_SYNC = 81000000001L;
  private static final long LIVE_STANDUP = 81000000003L;
  private static final long DESIGN_REVIEW = 81000000002L;

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

  private HttpResponse<String> create(String userId, String body) {
    return zoom.send("POST", "/v2/users/" + userId + "/meetings", token, body);
  }

  private JsonNode meeting(long id) {
    HttpResponse<String> response = zoom.get("/v2/meetings/" + id, token);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  @Test
  void createAnswers201WithTheFullMeetingAndZoomsDefaults() {
    HttpResponse<String> response = create("me", "{\"topic\":\"Launch\",\"start_time\":\"2026-03-12T15:00:00Z\"}");

    assertEquals(201, response.statusCode(), response::body);
    JsonNode meeting = json(response);
    assertTrue(meeting.path("id").isIntegralNumber());
    assertTrue(meeting.path("id").asLong() > (1L << 32), "ids exceed 32 bits as Zoom's do");
    assertFalse(meeting.path("uuid").asString().isEmpty());
    assertEquals(ADA_ID, meeting.path("host_id").asString());
    assertEquals(SandboxFixture.ADA, meeting.path("host_email").asString());
    assertEquals("Launch", meeting.path("topic").asString());
    assertEquals(2, meeting.path("type").asInt());
    assertEquals("waiting", meeting.path("status").asString());
    assertEquals("2026-03-12T15:00:00Z", meeting.path("start_time").asString());
    assertEquals(60, meeting.path("duration").asInt());
    assertEquals("Europe/London", meeting.path("timezone").asString(), "the host's timezone");
    assertEquals("2026-03-10T09:30:00Z", meeting.path("created_at").asString());
    assertEquals("open_api", meeting.path("creation_source").asString());
    assertFalse(meeting.path("password").asString().isEmpty(), "a passcode is generated");
    assertEquals(2, meeting.path("settings").path("approval_type").asInt());
    assertEquals("none", meeting.path("settings").path("auto_recording").asString());
    String origin = zoom.sandbox.origin();
    assertTrue(meeting.path("join_url").asString().startsWith(origin + "/j/" + meeting.path("id").asLong()));
    assertTrue(meeting.path("start_url").asString().startsWith(origin + "/s/" + meeting.path("id").asLong()));
    assertEquals(meeting.path("topic"), meeting(meeting.path("id").asLong()).path("topic"));
  }

  @Test
  void startTimesInThePastBecomeNowAndLocalTimesUseTheTimezone() {
    JsonNode past = json(create("me", "{\"start_time\":\"2020-01-01T10:00:00Z\",\"default_password\":false}"));
    JsonNode local = json(create("me",
        "{\"start_time\":\"2026-07-01T09:00:00\",\"timezone\":\"America/New_York\",\"settings\":{\"waiting_room\":true}}"));
    JsonNode instant = json(create("me", "{\"type\":1}"));
    JsonNode noFixedTime = json(create("me", "{\"type\":3}"));

    assertEquals("2026-03-10T09:30:00Z", past.path("start_time").asString());
    assertEquals("", past.path("password").asString());
    assertEquals("2026-07-01T13:00:00Z", local.path("start_time").asString());
    assertTrue(local.path("settings").path("waiting_room").asBoolean());
    assertFalse(local.path("settings").path("join_before_host").asBoolean(true), "other settings keep defaults");
    assertEquals("2026-03-10T09:30:00Z", instant.path("start_time").asString());
    assertFalse(noFixedTime.has("start_time"));
  }

  @Test
  void invalidFieldsAreNamedInA300() {
    String longTopic = "x".repeat(201);

    HttpResponse<String> topic = create("me", "{\"topic\":\"" + longTopic + "\"}");
    HttpResponse<String> type = create("me", "{\"type\":5}");
    HttpResponse<String> start = create("me", "{\"start_time\":\"tomorrow\"}");
    HttpResponse<String> notJson = create("me", "{topic");

    assertEquals("{\"code\":300,\"message\":\"Validation Failed.\",\"errors\":[{\"field\":\"topic\","
        + "\"message\":\"Invalid field.\"}]}", topic.body());
    assertEquals("type", json(type).path("errors").get(0).path("field").asString());
    assertEquals("start_time", json(start).path("errors").get(0).path("field").asString());
    assertEquals(400, notJson.statusCode());
    assertEquals(300, json(notJson).path("code").asInt());
  }

  @Test
  void createForAnotherUserNeedsAnAdminScopeOrScheduleFor() {
    HttpResponse<String> unknown = create("nobody@example.com", "{}");
    HttpResponse<String> forGrace = create(GRACE_ID, "{}");

    assertEquals("{\"code\":1001,\"message\":\"User does not exist: nobody@example.com.\"}", unknown.body());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[meeting:write:admin].\"}",
        forGrace.body());
    token = zoom.serverToServerToken();
    JsonNode scheduled = json(create("me", "{\"schedule_for\":\"" + GRACE + "\"}"));
    assertEquals(GRACE_ID, scheduled.path("host_id").asString());
    assertEquals(ADA_ID, scheduled.path("assistant_id").asString());
    HttpResponse<String> instant = create("me", "{\"type\":1,\"schedule_for\":\"" + GRACE + "\"}");
    assertEquals(3000, json(instant).path("code").asInt());
    HttpResponse<String> badScheduleFor = create("me", "{\"schedule_for\":\"nobody@example.com\"}");
    assertEquals(300, json(badScheduleFor).path("code").asInt());
  }

  @Test
  void aTokenWithoutTheScopeGets4711NamingIt() {
    zoom.control().grantedScopes(SandboxApp.OPERATOR.clientId(), List.of("meeting:read:meeting"));
    token = zoom.accessToken();

    HttpResponse<String> response = create("me", "{}");

    assertEquals(400, response.statusCode());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[meeting:write:meeting].\"}",
        response.body());
    assertEquals(200, zoom.get("/v2/meetings/" + DESIGN_REVIEW, token).statusCode());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:"
        + "[meeting:read:list_meetings].\"}", zoom.get("/v2/users/me/meetings", token).body());
  }

  @Test
  void anUnknownMeetingIs3001() {
    HttpResponse<String> response = zoom.get("/v2/meetings/12345678901", token);

    assertEquals(404, response.statusCode());
    assertEquals("{\"code\":3001,\"message\":\"Meeting does not exist: 12345678901.\"}", response.body());
    assertEquals(3001, json(zoom.get("/v2/meetings/not-a-number", token)).path("code").asInt());
    assertEquals(404, zoom.send("PATCH", "/v2/meetings/12345678901", token, "{}").statusCode());
    assertEquals(404, zoom.send("DELETE", "/v2/meetings/12345678901", token, null).statusCode());
  }

  @Test
  void listFiltersByType() {
    assertEquals(Set.of("Weekly product sync", "Design review", "Live standup", "Quarterly planning", "Sprint retro"),
        topics("/v2/users/me/meetings"));
    assertEquals(Set.of("Live standup"), topics("/v2/users/me/meetings?type=live"));
    assertEquals(Set.of("Weekly product sync", "Design review", "Live standup"),
        topics("/v2/users/me/meetings?type=upcoming"));
    assertEquals(Set.of("Sprint retro"), topics("/v2/users/me/meetings?type=previous_meetings"));
    assertEquals(Set.of("Design review"), topics("/v2/users/me/meetings?from=2026-03-12&to=2026-03-12"));
    create("me", "{\"type\":1}");
    assertEquals(5, topics("/v2/users/me/meetings").size(), "instant meetings are never listed");
    assertEquals(300, json(zoom.get("/v2/users/me/meetings?type=everything", token)).path("code").asInt());
  }

  @Test
  void listPagesWithNextPageTokenUntilItIsEmpty() {
    for (int i = 0; i < 8; i++) {
      assertEquals(201, create("me", "{\"topic\":\"Extra " + i + "\",\"start_time\":\"2026-04-0" + (i + 1)
          + "T10:00:00Z\"}").statusCode());
    }
    List<String> seen = new ArrayList<>();
    String next = "";
    int pages = 0;
    do {
      JsonNode page = json(zoom.get("/v2/users/me/meetings?page_size=4"
          + (next.isEmpty() ? "" : "&next_page_token=" + next), token));
      assertEquals(4, page.path("page_size").asInt());
      assertEquals(13, page.path("total_records").asInt());
      assertEquals(4, page.path("page_count").asInt());
      page.path("meetings").forEach(meeting -> seen.add(meeting.path("topic").asString()));
      next = page.path("next_page_token").asString();
      assertTrue(page.has("next_page_token"), "the last page says \"\" rather than leaving the field out");
      pages++;
    } while (!next.isEmpty());
    assertEquals(4, pages);
    assertEquals(13, seen.size());
    assertEquals(13, new HashSet<>(seen).size(), "no meeting twice");
    JsonNode item = json(zoom.get("/v2/users/me/meetings?page_size=1", token)).path("meetings").get(0);
    assertEquals(Set.of("uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone", "agenda",
        "created_at", "join_url"), names(item));
  }

  @Test
  void pageTokensExpireAfterFifteenMinutesAndBelongToTheirListing() {
    JsonNode first = json(zoom.get("/v2/users/me/meetings?page_size=2", token));
    String next = first.path("next_page_token").asString();
    assertFalse(next.isEmpty());

    HttpResponse<String> otherListing = zoom.get("/v2/users/me/meetings?page_size=2&type=upcoming&next_page_token="
        + next, token);
    assertEquals(400, otherListing.statusCode());
    zoom.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
    assertEquals(200, zoom.get("/v2/users/me/meetings?page_size=2&next_page_token=" + next, token).statusCode());
    zoom.clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> expired = zoom.get("/v2/users/me/meetings?page_size=2&next_page_token=" + next, token);

    assertEquals(400, expired.statusCode());
    assertEquals("{\"code\":300,\"message\":\"The next page token is invalid or expired.\"}", expired.body());
  }

  @Test
  void pageSizeIsCappedAt300() {
    assertEquals(300, json(zoom.get("/v2/users/me/meetings?page_size=1000", token)).path("page_size").asInt());
    assertEquals(30, json(zoom.get("/v2/users/me/meetings", token)).path("page_size").asInt());
    assertEquals(300, json(zoom.get("/v2/users/me/meetings?page_size=0", token)).path("code").asInt());
  }

  @Test
  void updateAnswers204AndChangesOnlyWhatItNames() {
    HttpResponse<String> response = zoom.send("PATCH", "/v2/meetings/" + DESIGN_REVIEW, token,
        "{\"topic\":\"Design review (moved)\",\"duration\":90,\"settings\":{\"mute_upon_entry\":true}}");

    assertEquals(204, response.statusCode(), response::body);
    assertEquals("", response.body());
    JsonNode meeting = meeting(DESIGN_REVIEW);
    assertEquals("Design review (moved)", meeting.path("topic").asString());
    assertEquals(90, meeting.path("duration").asInt());
    assertTrue(meeting.path("settings").path("mute_upon_entry").asBoolean());
    assertEquals("Review the sandbox's consent page.", meeting.path("agenda").asString());
    HttpResponse<String> invalid = zoom.send("PATCH", "/v2/meetings/" + DESIGN_REVIEW, token, "{\"duration\":-5}");
    assertEquals(300, json(invalid).path("code").asInt());
    assertEquals(90, meeting(DESIGN_REVIEW).path("duration").asInt(), "a refused update changes nothing");
  }

  @Test
  void deleteAnswers204AndRecoverBringsTheMeetingBack() {
    assertEquals(204, zoom.send("DELETE", "/v2/meetings/" + DESIGN_REVIEW, token, null).statusCode());
    assertEquals(404, zoom.get("/v2/meetings/" + DESIGN_REVIEW, token).statusCode());

    HttpResponse<String> recover = zoom.send("PUT", "/v2/meetings/" + DESIGN_REVIEW + "/status", token,
        "{\"action\":\"recover\"}");

    assertEquals(204, recover.statusCode(), recover::body);
    assertEquals("Design review", meeting(DESIGN_REVIEW).path("topic").asString());
  }

  @Test
  void endingALiveMeetingAnswers204AndAMeetingNotInProgressIs3000() {
    HttpResponse<String> end = zoom.send("PUT", "/v2/meetings/" + LIVE_STANDUP + "/status", token,
        "{\"action\":\"end\"}");

    assertEquals(204, end.statusCode(), end::body);
    assertEquals("waiting", meeting(LIVE_STANDUP).path("status").asString());
    HttpResponse<String> again = zoom.send("PUT", "/v2/meetings/" + LIVE_STANDUP + "/status", token,
        "{\"action\":\"end\"}");
    assertEquals(400, again.statusCode());
    assertEquals(3000, json(again).path("code").asInt());
    zoom.control().startMeeting(LIVE_STANDUP);
    assertEquals(204, zoom.send("PUT", "/v2/meetings/" + LIVE_STANDUP + "/status", token, "{\"action\":\"end\"}")
        .statusCode());
    assertEquals(300, json(zoom.send("PUT", "/v2/meetings/" + LIVE_STANDUP + "/status", token,
        "{\"action\":\"pause\"}")).path("code").asInt());
  }

  @Test
  void recurringMeetingsHaveOccurrencesThatCanBeReadAndDeletedOneByOne() {
    JsonNode created = json(create("me", "{\"topic\":\"Daily\",\"type\":8,\"start_time\":\"2026-03-11T08:00:00Z\","
        + "\"timezone\":\"UTC\",\"duration\":15,\"recurrence\":{\"type\":2,\"weekly_days\":\"2,5\",\"end_times\":4}}"));
    long id = created.path("id").asLong();
    JsonNode occurrences = created.path("occurrences");

    assertEquals(4, occurrences.size());
    List<String> starts = new ArrayList<>();
    occurrences.forEach(occurrence -> starts.add(occurrence.path("start_time").asString()));
    assertEquals(List.of("2026-03-12T08:00:00Z", "2026-03-16T08:00:00Z", "2026-03-19T08:00:00Z",
        "2026-03-23T08:00:00Z"), starts, "Mondays and Thursdays (Zoom: 1 is Sunday)");
    String second = occurrences.get(1).path("occurrence_id").asString();
    assertEquals(String.valueOf(Instant.parse("2026-03-16T08:00:00Z").toEpochMilli()), second);
    JsonNode one = json(zoom.get("/v2/meetings/" + id + "?occurrence_id=" + second, token));
    assertEquals("2026-03-16T08:00:00Z", one.path("start_time").asString());
    assertEquals(204, zoom.send("DELETE", "/v2/meetings/" + id + "?occurrence_id=" + second, token, null)
        .statusCode());
    assertEquals("deleted", meeting(id).path("occurrences").get(1).path("status").asString());
    assertEquals(300, json(zoom.get("/v2/meetings/" + id + "?occurrence_id=1", token)).path("code").asInt());
    zoom.clock.advance(Duration.ofDays(8));
    token = zoom.accessToken();
    assertEquals(2, meeting(id).path("occurrences").size(), "past occurrences are left out");
    assertEquals(4, json(zoom.get("/v2/meetings/" + id + "?show_previous_occurrences=true", token))
        .path("occurrences").size());
  }

  @Test
  void theWeeklySeededMeetingRecursOnTuesdays() {
    JsonNode weekly = json(zoom.get("/v2/meetings/" + WEEKLY_SYNC + "?show_previous_occurrences=true", token));

    assertEquals(8, weekly.path("occurrences").size());
    for (JsonNode occurrence : weekly.path("occurrences")) {
      assertEquals(DayOfWeek.TUESDAY, Instant.parse(occurrence.path("start_time").asString())
          .atZone(ZoneId.of("Europe/London")).getDayOfWeek());
    }
  }

  private Set<String> topics(String path) {
    HttpResponse<String> response = zoom.get(path, token);
    assertEquals(200, response.statusCode(), response::body);
    Set<String> topics = new HashSet<>();
    json(response).path("meetings").forEach(meeting -> topics.add(meeting.path("topic").asString()));
    return topics;
  }

  private static Set<String> names(JsonNode node) {
    return new HashSet<>(node.propertyNames());
  }
}
