package dev.patchbay.zoom.recordings;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Paginate;
import dev.patchbay.zoom.testing.TestContext;
import dev.patchbay.zoom.testing.TestContext.Report;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RecordingListTest {

  /** Late evening UTC, already the next day in Berlin: "today" must be the UTC day. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T23:30:00Z"), ZoneId.of("Europe/Berlin"));

  private static final String A = "{\"uuid\":\"a==\",\"id\":1,\"start_time\":\"2026-01-05T10:00:00Z\"}";
  private static final String B = "{\"uuid\":\"b==\",\"id\":2,\"start_time\":\"2026-01-20T08:00:00Z\"}";
  private static final String C = "{\"uuid\":\"c==\",\"id\":3,\"start_time\":\"2026-02-03T16:30:00Z\"}";

  private static Paginate page(String from, String to, int maxItems) {
    return new Paginate("GET", "/users/me/recordings", Map.of("from", from, "to", to, "page_size", "300"), maxItems);
  }

  private static Map<String, String> with(Map<String, String> common, String from, String to) {
    Map<String, String> query = new HashMap<>(common);
    query.put("from", from);
    query.put("to", to);
    return query;
  }

  @Test
  void theDefaultRangeIsTheThirtyDaysUpToTodayInUtc() throws Exception {
    String march = "{\"uuid\":\"m==\",\"start_time\":\"2026-03-01T12:00:00Z\"}";
    RecordingHttp http = new RecordingHttp().page("[" + march + "]").page("[]");

    JsonNode output = new ListRecordings(CLOCK).execute(TestContext.of("{}", http));

    assertJson(json("{\"from\":\"2026-02-13\",\"to\":\"2026-03-15\",\"meetings\":[" + march + "]}"), output);
    assertEquals(List.of(page("2026-02-13", "2026-03-12", 1000), page("2026-03-13", "2026-03-15", 999)), http.calls());
  }

  @Test
  void fortyDaysAreFetchedInTwoWindowsThenMergedDeduplicatedAndSorted() throws Exception {
    // Zoom lists newest first; the trash ignores dates, so the second window can repeat the first one's meetings.
    RecordingHttp http = new RecordingHttp().page("[" + B + "," + A + "]").page("[" + C + "," + B + "]");
    TestContext context = TestContext.of("""
        {"userId":"sam@example.com","from":"2026-01-01","to":"2026-02-09","pageSize":100,
         "trash":true,"trash_type":"recording_file"}""", http);

    JsonNode output = new ListRecordings(CLOCK).execute(context);

    assertJson(json("{\"from\":\"2026-01-01\",\"to\":\"2026-02-09\",\"meetings\":[" + A + "," + B + "," + C + "]}"),
        output);
    Map<String, String> common = Map.of("page_size", "100", "trash", "true", "trash_type", "recording_file");
    assertEquals(List.of(
        new Paginate("GET", "/users/sam%40example.com/recordings", with(common, "2026-01-01", "2026-01-31"), 1000),
        new Paginate("GET", "/users/sam%40example.com/recordings", with(common, "2026-02-01", "2026-02-09"), 998)),
        http.calls());
    assertEquals(List.of(
        new Report(1, 2, "recordings from 2026-01-01 to 2026-01-31"),
        new Report(2, 2, "recordings from 2026-02-01 to 2026-02-09")), context.reports());
  }

  @Test
  void laterWindowsAreNotFetchedOnceMaxItemsAreInHand() throws Exception {
    RecordingHttp http = new RecordingHttp().page("[" + B + "," + A + "]");

    JsonNode output = new ListRecordings(CLOCK).execute(
        TestContext.of("{\"from\":\"2026-01-01\",\"to\":\"2026-03-09\",\"maxItems\":2}", http));

    assertJson(json("{\"from\":\"2026-01-01\",\"to\":\"2026-03-09\",\"meetings\":[" + A + "," + B + "]}"), output);
    assertEquals(List.of(page("2026-01-01", "2026-01-31", 2)), http.calls());
  }

  @Test
  void theMergedListIsCappedAtMaxItemsKeepingTheEarliest() throws Exception {
    RecordingHttp http = new RecordingHttp().page("[" + A + "]").page("[" + C + ",{\"uuid\":\"d==\","
        + "\"start_time\":\"2026-02-01T00:00:00Z\"}]");

    JsonNode output = new ListRecordings(CLOCK).execute(
        TestContext.of("{\"from\":\"2026-01-01\",\"to\":\"2026-02-09\",\"maxItems\":2}", http));

    assertJson(json("{\"from\":\"2026-01-01\",\"to\":\"2026-02-09\",\"meetings\":[" + A + ","
        + "{\"uuid\":\"d==\",\"start_time\":\"2026-02-01T00:00:00Z\"}]}"), output);
    assertEquals(List.of(page("2026-01-01", "2026-01-31", 2), page("2026-02-01", "2026-02-09", 1)), http.calls());
  }

  @Test
  void fromAfterToIsInvalidInputAndSendsNothing() {
    RecordingHttp http = new RecordingHttp();

    ConnectorException e = assertThrows(ConnectorException.class, () -> new ListRecordings(CLOCK).execute(
        TestContext.of("{\"from\":\"2026-02-10\",\"to\":\"2026-02-09\"}", http)));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("from (2026-02-10) is after to (2026-02-09)", e.getMessage());
    assertEquals(List.of(), http.calls());
  }

  @Test
  void aFromInTheFutureIsAfterTheDefaultTo() {
    ConnectorException e = assertThrows(ConnectorException.class, () -> new ListRecordings(CLOCK).execute(
        TestContext.of("{\"from\":\"2026-03-16\"}", new RecordingHttp())));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("2026-03-15"), e.getMessage());
  }

  @Test
  void aDateInAnotherFormatIsInvalidInput() {
    ConnectorException e = assertThrows(ConnectorException.class, () -> new ListRecordings(CLOCK).execute(
        TestContext.of("{\"to\":\"2026/03/01\"}", new RecordingHttp())));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("to must be a date as yyyy-MM-dd: 2026/03/01", e.getMessage());
  }
}
