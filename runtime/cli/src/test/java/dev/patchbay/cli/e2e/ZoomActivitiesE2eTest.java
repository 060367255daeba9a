package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_EMAIL;
import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every Zoom activity (downloads have their own test) through the real plugin, runner and store against the
 * sandbox, each output checked against the sandbox's state: its seed data and what earlier activities changed.
 */
class ZoomActivitiesE2eTest extends SandboxE2eTest {

  /** Ada's seeded meetings (Grace hosts 81000000006 and 81000000007). */
  private static final List<Long> ADA_SEEDED_MEETINGS =
      List.of(81000000001L, 81000000002L, 81000000003L, 81000000004L, 81000000005L);

  @Test
  void users() {
    JsonNode me = run(runtime, "zoom/users.getCurrent", CONNECTION, "{}").output();
    assertEquals(ADA_ID, me.path("id").asString());
    assertEquals("Ada Lovelace", me.path("display_name").asString());

    JsonNode byEmail = run(runtime, "zoom/users.get", CONNECTION, "{\"userId\":\"" + ADA_EMAIL + "\"}").output();
    assertEquals(me, byEmail);
    JsonNode byMe = run(runtime, "zoom/users.get", CONNECTION, "{\"userId\":\"me\"}").output();
    assertEquals(me, byMe);

    ActivityException nobody = fails(ErrorCode.NOT_FOUND, runtime, "zoom/users.get", CONNECTION,
        "{\"userId\":\"nobody@sandbox.patchbay.dev\"}");
    assertEquals("1001", nobody.error().details().get(ActivityError.PROVIDER_CODE));
  }

  @Test
  void meetingCreateGetListUpdateDelete() {
    String start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    JsonNode created = run(runtime, "zoom/meetings.create", CONNECTION, """
        {"topic":"E2E planning","type":2,"start_time":"%s","duration":30,"timezone":"UTC",
         "agenda":"Check every activity end to end."}""".formatted(start)).output();
    long id = created.path("id").asLong();
    assertTrue(id > 0, created::toString);
    assertEquals("E2E planning", created.path("topic").asString());
    assertEquals(ADA_ID, created.path("host_id").asString());
    assertEquals(start, created.path("start_time").asString());
    assertEquals(30, created.path("duration").asInt());
    assertEquals(1, sandbox.requests("/v2/users/me/meetings"));

    JsonNode got = run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":" + id + "}").output();
    assertEquals(id, got.path("id").asLong());
    assertEquals(created.path("uuid"), got.path("uuid"));
    assertEquals("E2E planning", got.path("topic").asString());
    assertEquals("Check every activity end to end.", got.path("agenda").asString());
    assertEquals(start, got.path("start_time").asString());
    assertEquals("waiting", got.path("status").asString());

    List<Long> listed = ids(run(runtime, "zoom/meetings.list", CONNECTION, "{}").output());
    List<Long> expected = new ArrayList<>(ADA_SEEDED_MEETINGS);
    expected.add(id);
    assertEquals(expected.stream().sorted().toList(), listed.stream().sorted().toList());

    JsonNode updated = run(runtime, "zoom/meetings.update", CONNECTION,
        "{\"meetingId\":" + id + ",\"topic\":\"E2E planning (moved)\",\"duration\":50}").output();
    assertEquals(id, updated.path("id").asLong());
    assertEquals("E2E planning (moved)", updated.path("topic").asString());
    assertEquals(50, updated.path("duration").asInt());
    assertEquals("Check every activity end to end.", updated.path("agenda").asString(), "a PATCH keeps the rest");
    JsonNode readBack = run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":" + id + "}").output();
    assertEquals(withoutStartUrl(updated), withoutStartUrl(readBack), "start_url carries a fresh ZAK on each read");

    JsonNode deleted = run(runtime, "zoom/meetings.delete", CONNECTION, "{\"meetingId\":" + id + "}").output();
    assertEquals(E2e.json("{\"meetingId\":" + id + ",\"deleted\":true}"), deleted);
    ActivityException gone = fails(ErrorCode.NOT_FOUND, runtime, "zoom/meetings.get", CONNECTION,
        "{\"meetingId\":" + id + "}");
    assertEquals("3001", gone.error().details().get(ActivityError.PROVIDER_CODE));
    assertEquals(404, gone.error().details().get(ActivityError.HTTP_STATUS));
    assertFalse(ids(run(runtime, "zoom/meetings.list", CONNECTION, "{}").output()).contains(id));
  }

  @Test
  void meetingsListFollowsEveryPage() {
    JsonNode whole = run(runtime, "zoom/meetings.list", CONNECTION, "{}").output();
    long before = sandbox.requests("/v2/users/me/meetings");

    JsonNode paged = run(runtime, "zoom/meetings.list", CONNECTION, "{\"pageSize\":2}").output();

    assertEquals(ids(whole), ids(paged), "the same meetings in the same order, over 3 pages of 2");
    assertEquals(5, paged.path("total_records").asInt());
    assertEquals(3, sandbox.requests("/v2/users/me/meetings") - before);
    JsonNode capped = run(runtime, "zoom/meetings.list", CONNECTION, "{\"pageSize\":2,\"maxItems\":3}").output();
    assertEquals(ids(whole).subList(0, 3), ids(capped));
  }

  @Test
  void endALiveMeeting() {
    long id = run(runtime, "zoom/meetings.create", CONNECTION, "{\"topic\":\"Ends soon\",\"type\":2,\"duration\":15}")
        .output().path("id").asLong();
    sandbox.control("{\"startMeeting\":" + id + "}");
    assertEquals("started", run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":" + id + "}")
        .output().path("status").asString());
    assertTrue(ids(run(runtime, "zoom/meetings.list", CONNECTION, "{\"type\":\"live\"}").output()).contains(id));

    JsonNode ended = run(runtime, "zoom/meetings.end", CONNECTION, "{\"meetingId\":" + id + "}").output();

    assertEquals(E2e.json("{\"meetingId\":" + id + ",\"ended\":true}"), ended);
    assertEquals("waiting", run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":" + id + "}")
        .output().path("status").asString());
    assertFalse(ids(run(runtime, "zoom/meetings.list", CONNECTION, "{\"type\":\"live\"}").output()).contains(id));
    ActivityException notLive = fails(ErrorCode.INVALID_INPUT, runtime, "zoom/meetings.end", CONNECTION,
        "{\"meetingId\":" + id + "}");
    assertEquals("3000", notLive.error().details().get(ActivityError.PROVIDER_CODE));
  }

  @Test
  void recordingsListGetAndDelete() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonNode month = run(runtime, "zoom/recordings.list", CONNECTION, "{}").output();
    assertEquals(today.toString(), month.path("to").asString());
    assertEquals(today.minusDays(30).toString(), month.path("from").asString());
    // Ada's recordings of the last 30 days, oldest first; the one in the trash is not listed.
    assertEquals(List.of("Kl7mNo8pQr9sTu0vWx1yZa==", "Cd7eFg8hIj9kLm0nOp1qRs==", "Ab3//kPq9sTuVwXyZ0aB1g==",
        "/gkT2xY6QqWzL0m1N2b3cQ==", "Tu2vWx3yZa4bCd5eFg6hIj=="), uuids(month));
    int defaultWindows = windows(today.minusDays(30), today);
    assertEquals(defaultWindows, sandbox.requests("/v2/users/me/recordings"));

    // 45 days are more than Zoom's one-month limit: two windows, merged in time order.
    JsonNode longer = run(runtime, "zoom/recordings.list", CONNECTION,
        "{\"from\":\"" + today.minusDays(45) + "\",\"to\":\"" + today + "\"}").output();
    List<String> expected = new ArrayList<>(List.of("St7uVw8xYz9aBc0dEf1gHi==", "Bc2dEf3gHi4jKl5mNo6pQr=="));
    expected.addAll(uuids(month));
    assertEquals(expected, uuids(longer));
    assertEquals(2, windows(today.minusDays(45), today));
    assertEquals(defaultWindows + 2, sandbox.requests("/v2/users/me/recordings"));

    // A UUID with "//" must be double-encoded in the path; the sandbox finds it only if it was.
    JsonNode instance = run(runtime, "zoom/recordings.get", CONNECTION,
        "{\"meetingId\":\"Ab3//kPq9sTuVwXyZ0aB1g==\"}").output();
    assertEquals("Ab3//kPq9sTuVwXyZ0aB1g==", instance.path("uuid").asString());
    assertEquals(81000000001L, instance.path("id").asLong());
    assertEquals(List.of("MP4", "M4A", "TRANSCRIPT"), fileTypes(instance));
    assertEquals(589824, instance.path("recording_files").get(0).path("file_size").asLong());
    // A meeting number means its latest recorded instance.
    JsonNode latest = run(runtime, "zoom/recordings.get", CONNECTION, "{\"meetingId\":81000000001}").output();
    assertEquals("/gkT2xY6QqWzL0m1N2b3cQ==", latest.path("uuid").asString());

    JsonNode interview = run(runtime, "zoom/recordings.get", CONNECTION, "{\"meetingId\":81000000011}").output();
    String audio = interview.path("recording_files").get(1).path("id").asString();
    JsonNode trashed = run(runtime, "zoom/recordings.delete", CONNECTION,
        "{\"meetingId\":81000000011,\"recordingId\":\"" + audio + "\"}").output();
    assertEquals(E2e.json("{\"meetingId\":81000000011,\"recordingId\":\"" + audio
        + "\",\"action\":\"trash\",\"deleted\":true}"), trashed);
    assertEquals(List.of("MP4", "TRANSCRIPT"), fileTypes(run(runtime, "zoom/recordings.get", CONNECTION,
        "{\"meetingId\":81000000011}").output()));
    JsonNode trash = run(runtime, "zoom/recordings.list", CONNECTION,
        "{\"trash\":true,\"trash_type\":\"recording_file\"}").output();
    List<String> trashedFiles = new ArrayList<>();
    trash.path("meetings").forEach(meeting -> meeting.path("recording_files")
        .forEach(file -> trashedFiles.add(file.path("id").asString())));
    assertTrue(trashedFiles.contains(audio), trash::toString);

    JsonNode purged = run(runtime, "zoom/recordings.delete", CONNECTION,
        "{\"meetingId\":81000000011,\"action\":\"delete\"}").output();
    assertEquals(E2e.json("{\"meetingId\":81000000011,\"action\":\"delete\",\"deleted\":true}"), purged);
    ActivityException none = fails(ErrorCode.NOT_FOUND, runtime, "zoom/recordings.get", CONNECTION,
        "{\"meetingId\":81000000011}");
    assertEquals("3301", none.error().details().get(ActivityError.PROVIDER_CODE));
    assertFalse(uuids(run(runtime, "zoom/recordings.list", CONNECTION, "{}").output())
        .contains("Tu2vWx3yZa4bCd5eFg6hIj=="));
  }

  private static JsonNode withoutStartUrl(JsonNode meeting) {
    tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) meeting.deepCopy();
    copy.remove("start_url");
    return copy;
  }

  private static List<Long> ids(JsonNode listing) {
    List<Long> ids = new ArrayList<>();
    listing.path("meetings").forEach(meeting -> ids.add(meeting.path("id").asLong()));
    return ids;
  }

  private static List<String> uuids(JsonNode listing) {
    List<String> uuids = new ArrayList<>();
    listing.path("meetings").forEach(meeting -> uuids.add(meeting.path("uuid").asString()));
    return uuids;
  }

  private static List<String> fileTypes(JsonNode recording) {
    List<String> types = new ArrayList<>();
    recording.path("recording_files").forEach(file -> types.add(file.path("file_type").asString()));
    return types;
  }

  /**
   * How many listings the plugin sends for [from, to]: a window ends the day before the same day of the next month,
   * so 30 days back from the 30th of a 30-day month (the 31st of the month before) take two. A test that assumed one
   * failed on such days.
   */
  private static int windows(LocalDate from, LocalDate to) {
    int windows = 0;
    for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1)) {
      windows++;
    }
    return windows;
  }
}
