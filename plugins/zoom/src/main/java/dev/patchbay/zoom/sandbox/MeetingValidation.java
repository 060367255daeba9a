package dev.patchbay.zoom.sandbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Zoom's checks of a meeting create or update body: the first field that fails is named in a 300 error. */
final class MeetingValidation {

  private static final Set<Integer> TYPES = Set.of(1, 2, 3, 8, 10);
  private static final Pattern WEEKLY_DAYS = Pattern.compile("[1-7](,[1-7])*");
  /** Allowed ranges of the recurrence's numbers; monthly_week also excludes 0 (-1 is the last week). */
  private static final Map<String, int[]> RECURRENCE_RANGES = new LinkedHashMap<>();

  static {
    RECURRENCE_RANGES.put("type", new int[] {1, 3});
    RECURRENCE_RANGES.put("repeat_interval", new int[] {1, 99});
    RECURRENCE_RANGES.put("end_times", new int[] {0, Occurrences.MAX});
    RECURRENCE_RANGES.put("monthly_day", new int[] {1, 31});
    RECURRENCE_RANGES.put("monthly_week", new int[] {-1, 4});
    RECURRENCE_RANGES.put("monthly_week_day", new int[] {1, 7});
  }

  private MeetingValidation() {}

  static void validate(ObjectNode body) {
    checkText(body, "topic", 200);
    checkText(body, "agenda", 2000);
    checkText(body, "password", 10);
    checkText(body, "schedule_for", Integer.MAX_VALUE);
    checkText(body, "template_id", Integer.MAX_VALUE);
    if (body.has("type") && !(body.get("type").isIntegralNumber() && TYPES.contains(body.get("type").asInt()))) {
      throw ApiError.invalidField("type");
    }
    if (body.has("duration") && !(body.get("duration").isIntegralNumber() && body.get("duration").asInt() >= 0)) {
      throw ApiError.invalidField("duration");
    }
    if (body.has("timezone")) {
      checkText(body, "timezone", Integer.MAX_VALUE);
      zone(body.get("timezone").asString());
    }
    checkText(body, "start_time", Integer.MAX_VALUE);
    for (String flag : List.of("default_password", "pre_schedule")) {
      if (body.has(flag) && !body.get(flag).isBoolean()) {
        throw ApiError.invalidField(flag);
      }
    }
    if (body.has("settings") && !body.get("settings").isObject()) {
      throw ApiError.invalidField("settings");
    }
    if (body.has("tracking_fields") && !body.get("tracking_fields").isArray()) {
      throw ApiError.invalidField("tracking_fields");
    }
    if (body.has("recurrence")) {
      validateRecurrence(body.get("recurrence"));
    }
  }

  /** A timezone id, or the 300 error naming the timezone field. */
  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw ApiError.invalidField("timezone");
    }
  }

  private static void validateRecurrence(JsonNode recurrence) {
    if (!recurrence.isObject()) {
      throw ApiError.invalidField("recurrence");
    }
    for (Map.Entry<String, int[]> range : RECURRENCE_RANGES.entrySet()) {
      JsonNode value = recurrence.get(range.getKey());
      if (value != null && !(value.isIntegralNumber() && value.asInt() >= range.getValue()[0]
          && value.asInt() <= range.getValue()[1] && !(range.getKey().equals("monthly_week") && value.asInt() == 0))) {
        throw ApiError.invalidField("recurrence." + range.getKey());
      }
    }
    if (!recurrence.has("type")) {
      throw ApiError.invalidField("recurrence.type");
    }
    JsonNode weeklyDays = recurrence.get("weekly_days");
    if (weeklyDays != null && !(weeklyDays.isString() && WEEKLY_DAYS.matcher(weeklyDays.asString()).matches())) {
      throw ApiError.invalidField("recurrence.weekly_days");
    }
    JsonNode end = recurrence.get("end_date_time");
    if (end != null) {
      try {
        Instant.parse(end.asString());
      } catch (DateTimeParseException e) {
        throw ApiError.invalidField("recurrence.end_date_time");
      }
    }
  }

  private static void checkText(ObjectNode body, String field, int maxLength) {
    JsonNode value = body.get(field);
    if (value != null && !(value.isString() && value.asString().length() <= maxLength)) {
      throw ApiError.invalidField(field);
    }
  }
}
