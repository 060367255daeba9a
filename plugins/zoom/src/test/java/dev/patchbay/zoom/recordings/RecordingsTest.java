package dev.patchbay.zoom.recordings;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Send;
import dev.patchbay.zoom.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** recordings.get and recordings.delete, and how every recording activity puts a meeting id into its path. */
class RecordingsTest {

  private static final String RECORDINGS = """
      {"uuid":"/abc==","id":85746065432,"topic":"Standup","start_time":"2026-01-05T10:00:00Z",
       "recording_files":[{"id":"f1","file_type":"MP4","status":"completed"}]}""";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // A meeting id, and a UUID without "/" at the start or "//", are encoded once (by ApiRequest).
      "85746065432              | /meetings/85746065432/recordings",
      "\"aDYlohsHRtCd4ii1uC2+hA==\" | /meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/recordings",
      // Zoom wants these double-encoded.
      "\"/abc==\"                 | /meetings/%252Fabc%253D%253D/recordings",
      "\"ab//c==\"                | /meetings/ab%252F%252Fc%253D%253D/recordings"})
  void getEncodesTheMeetingIdTheWayZoomWantsIt(String meetingId, String path) throws Exception {
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    JsonNode output = new GetRecordings().execute(TestContext.of("{\"meetingId\":" + meetingId + "}", http));

    assertJson(json(RECORDINGS), output);
    assertEquals(List.of(new Send("GET", path, Map.of(), null)), http.calls());
  }

  @Test
  void deleteMovesAllOfAMeetingsRecordingsToTheTrashByDefault() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent();

    JsonNode output = new DeleteRecordings().execute(TestContext.of("{\"meetingId\":9007199254740993}", http));

    assertJson(json("{\"meetingId\":9007199254740993,\"action\":\"trash\",\"deleted\":true}"), output);
    assertEquals(List.of(new Send("DELETE", "/meetings/9007199254740993/recordings", Map.of("action", "trash"), null)),
        http.calls());
  }

  @Test
  void deleteOfOneFileNamesItInThePath() throws Exception {
    RecordingHttp http = new RecordingHttp().noContent();

    JsonNode output = new DeleteRecordings().execute(TestContext.of(
        "{\"meetingId\":\"/abc==\",\"recordingId\":\"a1b2-c3\",\"action\":\"delete\"}", http));

    assertJson(json("{\"meetingId\":\"/abc==\",\"recordingId\":\"a1b2-c3\",\"action\":\"delete\",\"deleted\":true}"),
        output);
    assertEquals(List.of(new Send("DELETE", "/meetings/%252Fabc%253D%253D/recordings/a1b2-c3",
        Map.of("action", "delete"), null)), http.calls());
  }
}
