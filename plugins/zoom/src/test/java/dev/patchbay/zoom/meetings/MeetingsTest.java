package dev.patchbay.zoom.meetings;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Paginate;
import dev.patchbay.zoom.testing.RecordingHttp.Send;
import dev.patchbay.zoom.testing.TestContext;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MeetingsTest {

  /** 2^53 + 1: the first integer a double cannot hold. */
  private static final String BIG_ID = "9007199254740993";

  private static final String MEETING = """
      {"id":85746065432,"uuid":"aDYlohsHRtCd4ii1uC2+hA==","topic":"Standup","type":2,
       "start_time":"2026-03-02T09:00:00Z","duration":30,"join_url":"https://zoom.us/j/85746065432"}""";

  @Test
  void createPostsTheInputAsBodyForMeByDefault() throws Exception {
    String input = """
        {"topic":"Standup","type":2,"start_time":"2026-03-02T09:00:00Z","duration":30,
         "settings":{"waiting_room":true,"alternative_hosts":"a@example.com;b@example.com"}}""";
    RecordingHttp http = new RecordingHttp().respond(201, json(MEETING));

    JsonNode output = new CreateMeeting().execute(TestContext.of(input, http));

    assertJson(json(MEETING), output);
    assertEquals(List.of(new Send("POST", "/users/me/meetings", Map.of(), json(input))), http.calls());
  }

  @Test
  void createForAnotherUserKeepsTheUserOutOfTheBody() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(201, json(MEETING));

    new CreateMeeting().execute(TestContext.of("{\"userId\":\"sam@example.com\",\"topic\":\"1:1\"}", http));

    assertEquals(List.of(new Send("POST", "/users/sam%40example.com/meetings", Map.of(), json("{\"topic\":\"1:1\"}"))),
        http.calls());
  }

  @Test
  void getKeepsAnInt64MeetingIdExactAndPassesItsOptions() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(MEETING);

    JsonNode output = new GetMeeting().execute(TestContext.of(
        "{\"meetingId\":" + BIG_ID + ",\"occurrence_id\":\"1648194360000\",\"show_previous_occurrences\":true}", http));

    assertJson(json(MEETING), output);
    assertEquals(List.of(new Send("GET", "/meetings/" + BIG_ID,
        Map.of("occurrence_id", "1648194360000", "show_previous_occurrences", "true"), null)), http.calls());
  }

  @Test
  void getWithoutOptionsSendsNoQuery() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(MEETING);

    new GetMeeting().execute(TestContext.of("{\"meetingId\":85746065432}", http));

    assertEquals(List.of(new Send("GET", "/meetings/85746065432", Map.of(), null)), http.calls());
  }

  @Test
  void getOfAMissingMeetingIsNotFound() {
    RecordingHttp http = new RecordingHttp().fail(ErrorCode.NOT_FOUND, "Meeting does not exist: 1");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> new GetMeeting().execute(TestContext.of("{\"meetingId\":1}", http)));

    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }

  @Test
  void listPaginatesMyMeetingsWithDefaultsAndCountsWhatItReturns() throws Exception {
    RecordingHttp http = new RecordingHttp().page("[{\"id\":1,\"topic\":\"a\"},{\"id\":" + BIG_ID + ",\"topic\":\"b\"}]");

    JsonNode output = new ListMeetings().execute(TestContext.of("{}", http));

    assertJson(json("{\"meetings\":[{\"id\":1,\"topic\":\"a\"},{\"id\":" + BIG_ID + ",\"topic\":\"b\"}],"
        + "\"total_records\":2}"), output);
    assertEquals(List.of(new Paginate("GET", "/users/me/meetings", Map.of("page_size", "300"), 1000)), http.calls());
  }

  @Test
  void listPassesEveryFilter() throws Exception {
    RecordingHttp http = new RecordingHttp().page("[]");

    JsonNode output = new ListMeetings().execute(TestContext.of("""
        {"userId":"sam@example.com","type":"upcoming","from":"2026-03-01","to":"2026-03-31",
         "timezone":"Europe/Berlin","pageSize":50,"maxItems":120}""", http));

    assertJson(json("{\"meetings\":[],\"total_records\":0}"), output);
    assertEquals(List.of(new Paginate("GET", "/users/sam%40example.com/meetings", Map.of(
        "type", "upcoming", "from", "2026-03-01", "to", "2026-03-31", "timezone", "Europe/Berlin",
        "page_size", "50"), 120)), http.calls());
  }

  @Test
  void updatePatchesThenReadsTheMeetingBack() throws Exception {
    String updated = "{\"id\":" + BIG_ID + ",\"topic\":\"Renamed\",\"duration\":45}";
    RecordingHttp http = new RecordingHttp().noContent().respond(updated);

    JsonNode output = new UpdateMeeting().execute(TestContext.of(
        "{\"meetingId\":" + BIG_ID + ",\"occurrence_id\":\"1648194360000\",\"topic\":\"Renamed\",\"duration\":45}",
        http));

    assertJson(json(updated), output);
    assertEquals(List.of(
        new Send("PATCH", "/meetings/" + BIG_ID, Map.of("occurrence_id", "1648194360000"),
            json("{\"topic\":\"Renamed\",\"duration\":45}")),
        new Send("GET", "/meetings/" + BIG_ID, Map.of("occurrence_id", "1648194360000"), null)), http.calls());
  }

  @Test
  void updateOfTheWholeMeetingSendsNoOccurrence() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent().respond(MEETING);

    new UpdateMeeting().execute(TestContext.of(
        "{\"meetingId\":85746065432,\"settings\":{\"mute_upon_entry\":true}}", http));

    assertEquals(List.of(
        new Send("PATCH", "/meetings/85746065432", Map.of(), json("{\"settings\":{\"mute_upon_entry\":true}}")),
        new Send("GET", "/meetings/85746065432", Map.of(), null)), http.calls());
  }

  @Test
  void aFailedUpdateIsNotReadBack() {
    RecordingHttp http = new RecordingHttp().fail(ErrorCode.LIMIT_EXCEEDED, "daily create/update limit reached");

    ConnectorException e = assertThrows(ConnectorException.class, () -> new UpdateMeeting().execute(
        TestContext.of("{\"meetingId\":1,\"topic\":\"x\"}", http)));

    assertEquals(ErrorCode.LIMIT_EXCEEDED, e.code());
    assertEquals(1, http.calls().size());
  }

  @Test
  void deleteSendsItsFlagsAsTextAndEchoesTheExactId() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent();

    JsonNode output = new DeleteMeeting().execute(TestContext.of("""
        {"meetingId":%s,"occurrence_id":"1648194360000","schedule_for_reminder":true,
         "cancel_meeting_reminder":false}""".formatted(BIG_ID), http));

    assertJson(json("{\"meetingId\":" + BIG_ID + ",\"deleted\":true}"), output);
    assertTrue(output.get("meetingId").isIntegralNumber());
    assertEquals(new BigInteger(BIG_ID), output.get("meetingId").bigIntegerValue());
    assertEquals(List.of(new Send("DELETE", "/meetings/" + BIG_ID, Map.of("occurrence_id", "1648194360000",
        "schedule_for_reminder", "true", "cancel_meeting_reminder", "false"), null)), http.calls());
  }

  @Test
  void deleteWithoutOptionsSendsNoQuery() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent();

    new DeleteMeeting().execute(TestContext.of("{\"meetingId\":85746065432}", http));

    assertEquals(List.of(new Send("DELETE", "/meetings/85746065432", Map.of(), null)), http.calls());
  }

  @Test
  void endPutsTheEndAction() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent();

    JsonNode output = new EndMeeting().execute(TestContext.of("{\"meetingId\":" + BIG_ID + "}", http));

    assertJson(json("{\"meetingId\":" + BIG_ID + ",\"ended\":true}"), output);
    assertEquals(List.of(new Send("PUT", "/meetings/" + BIG_ID + "/status", Map.of(), json("{\"action\":\"end\"}"))),
        http.calls());
    assertTrue(http.scriptDone());
  }

  @Test
  void aMissingMeetingIdIsInvalidInput() {
    RecordingHttp http = new RecordingHttp();

    ConnectorException e =
        assertThrows(ConnectorException.class, () -> new EndMeeting().execute(TestContext.of("{}", http)));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(List.of(), http.calls());
  }
}
