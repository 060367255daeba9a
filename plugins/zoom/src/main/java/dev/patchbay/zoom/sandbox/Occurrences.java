package dev.patchbay.zoom.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The occurrences of a recurring meeting with a fixed time (type 8), from Zoom's recurrence object: daily, weekly on
 * given days, or monthly on a day or on the n-th weekday, every repeat_interval units, until end_times occurrences or
 * end_date_time. Occurrence ids are the start times in epoch milliseconds, as Zoom's are.
 */
final class Occurrences {

  /** Zoom's maximum number of occurrences ("The maximum number of recurring is 60"). */
  static final int MAX = 60;

  /** Ten years of days: far beyond what 60 occurrences can need, a bound for malformed rules. */
  private static final int MAX_DAYS_SCANNED = 3660;

  private Occurrences() {}

  static ArrayNode compute(JsonNode recurrence, Instant start, int duration, ZoneId zone) {
    int interval = Math.max(1, recurrence.path("repeat_interval").asInt(1));
    String endText = SandboxJson.text(recurrence, "end_date_time");
    Instant endDate = endText == null ? null : Instant.parse(endText);
    int endTimes = recurrence.path("end_times").asInt(1);
    int limit = endDate != null || endTimes == 0 ? MAX : Math.min(endTimes, MAX);
    ZonedDateTime first = start.atZone(zone);
    LocalDate from = first.toLocalDate();
    List<LocalDate> dates;
    switch (recurrence.path("type").asInt(1)) {
      case 2:
        dates = weekly(from, interval, weekdays(SandboxJson.text(recurrence, "weekly_days"), first), limit);
        break;
      case 3:
        dates = monthly(from, interval, recurrence, limit);
        break;
      default:
        dates = daily(from, interval, limit);
        break;
    }
    ArrayNode occurrences = SandboxJson.array();
    LocalTime time = first.toLocalTime();
    for (LocalDate date : dates) {
      Instant when = ZonedDateTime.of(date, time, zone).toInstant();
      if (endDate != null && when.isAfter(endDate)) {
        break;
      }
      ObjectNode occurrence = occurrences.addObject();
      occurrence.put("occurrence_id", String.valueOf(when.toEpochMilli()));
      occurrence.put("start_time", SandboxJson.time(when));
      occurrence.put("duration", duration);
      occurrence.put("status", "available");
    }
    return occurrences;
  }

  /** Zoom numbers weekdays 1 (Sunday) to 7 (Saturday). */
  static DayOfWeek weekday(int zoomDay) {
    return DayOfWeek.of(((zoomDay + 5) % 7) + 1);
  }

  private static Set<DayOfWeek> weekdays(String weeklyDays, ZonedDateTime first) {
    Set<DayOfWeek> days = new HashSet<>();
    if (weeklyDays == null || weeklyDays.isBlank()) {
      days.add(first.getDayOfWeek());
      return days;
    }
    for (String day : weeklyDays.split(",")) {
      days.add(weekday(Integer.parseInt(day.strip())));
    }
    return days;
  }

  private static List<LocalDate> daily(LocalDate from, int interval, int limit) {
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      dates.add(from.plusDays((long) i * interval));
    }
    return dates;
  }

  private static List<LocalDate> weekly(LocalDate from, int interval, Set<DayOfWeek> days, int limit) {
    List<LocalDate> dates = new ArrayList<>();
    LocalDate firstWeek = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    for (int i = 0; i < MAX_DAYS_SCANNED && dates.size() < limit; i++) {
      LocalDate day = from.plusDays(i);
      long week = ChronoUnit.WEEKS.between(firstWeek, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)));
      if (days.contains(day.getDayOfWeek()) && week % interval == 0) {
        dates.add(day);
      }
    }
    return dates;
  }

  private static List<LocalDate> monthly(LocalDate from, int interval, JsonNode recurrence, int limit) {
    List<LocalDate> dates = new ArrayList<>();
    YearMonth month = YearMonth.from(from);
    boolean byWeek = recurrence.has("monthly_week") && recurrence.has("monthly_week_day");
    int monthlyDay = recurrence.path("monthly_day").asInt(from.getDayOfMonth());
    for (int i = 0; i < MAX_DAYS_SCANNED / 28 && dates.size() < limit; i++) {
      YearMonth current = month.plusMonths((long) i * interval);
      LocalDate candidate;
      if (byWeek) {
        DayOfWeek day = weekday(recurrence.path("monthly_week_day").asInt());
        int week = recurrence.path("monthly_week").asInt();
        candidate = current.atDay(1).with(week < 0
            ? TemporalAdjusters.lastInMonth(day)
            : TemporalAdjusters.dayOfWeekInMonth(week, day));
      } else if (monthlyDay <= current.lengthOfMonth()) {
        candidate = current.atDay(monthlyDay);
      } else {
        continue; // a month without that day (the 31st of April) has no occurrence
      }
      if (!candidate.isBefore(from)) {
        dates.add(candidate);
      }
    }
    return dates;
  }
}
