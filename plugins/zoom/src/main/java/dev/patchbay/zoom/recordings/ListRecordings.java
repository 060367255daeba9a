package dev.patchbay.zoom.recordings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.common.Inputs;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code recordings.list}: a user's cloud recordings over any date range, fetched one month-sized window at a time
 * because Zoom refuses longer ranges.
 */
public final class ListRecordings implements Activity {

  private static final int DEFAULT_DAYS = 30;

  private final Clock clock;

  /** @param clock says what "today" is in UTC, the default end of the range */
  public ListRecordings(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    LocalDate to = date(input, "to", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    LocalDate from = date(input, "from", to.minusDays(DEFAULT_DAYS));
    if (from.isAfter(to)) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "from (" + from + ") is after to (" + to + ")");
    }
    int maxItems = Inputs.maxItems(input);
    List<DateWindow> windows = DateWindow.split(from, to);

    List<JsonNode> meetings = new ArrayList<>();
    Set<String> seenUuids = new HashSet<>();
    for (int i = 0; i < windows.size() && meetings.size() < maxItems; i++) {
      DateWindow window = windows.get(i);
      // Windows run in date order and Zoom filters by start date, so once maxItems are in hand every later window
      // holds only meetings the ascending sort would cut.
      for (JsonNode meeting : context.http().paginate(request(input, window), maxItems - meetings.size()).items()) {
        // Zoom ignores the dates when listing the trash, so every window may return the same meetings again.
        String uuid = meeting.path("uuid").asString(null);
        if (uuid == null || seenUuids.add(uuid)) {
          meetings.add(meeting);
        }
      }
      context.progress().report(i + 1, windows.size(), "recordings from " + window.from() + " to " + window.to());
    }
    // Zoom writes start_time as yyyy-MM-ddTHH:mm:ssZ, so text order is time order.
    meetings.sort(Comparator.comparing(meeting -> meeting.path("start_time").asString("")));

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("from", from.toString());
    output.put("to", to.toString());
    output.putArray("meetings").addAll(meetings.subList(0, Math.min(meetings.size(), maxItems)));
    return output;
  }

  private static ApiRequest request(JsonNode input, DateWindow window) {
    return ApiRequest.get("/users/{userId}/recordings")
        .pathParam("userId", Inputs.text(input, "userId", "me"))
        .query("from", window.from().toString())
        .query("to", window.to().toString())
        .query("page_size", String.valueOf(Inputs.pageSize(input)))
        .query("trash", Inputs.queryFlag(input, "trash"))
        .query("trash_type", Inputs.text(input, "trash_type"))
        .build();
  }

  private static LocalDate date(JsonNode input, String name, LocalDate fallback) throws ConnectorException {
    String value = Inputs.text(input, name);
    if (value == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, name + " must be a date as yyyy-MM-dd: " + value, e);
    }
  }
}
