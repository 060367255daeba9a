package dev.patchbay.engine.workflows.expressions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code date:} functions of expressions. Values are ISO-8601 strings, as JSON carries them: a date
 * {@code 2026-11-29}, a date-time with an offset {@code 2026-11-29T10:15:02Z}, or a local date-time
 * {@code 2026-11-29T10:15:02}. Arithmetic keeps the kind it was given; "day" functions give dates. Time zones are
 * IANA ids ({@code Europe/Berlin}) or offsets; without one, UTC.
 */
public final class DateFunctions {

  /** The kinds of values, tried in this order. */
  private static final List<Function<String, Temporal>> PARSERS =
      List.of(LocalDate::parse, OffsetDateTime::parse, LocalDateTime::parse);

  private final Clock clock;

  DateFunctions(Clock clock) {
    this.clock = clock;
  }

  /** The current instant, in UTC, to the second: {@code 2026-11-29T10:15:02Z}. */
  public String now() {
    return render(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
  }

  /** Today's date in UTC. */
  public String today() {
    return today("UTC");
  }

  /** Today's date in a time zone. */
  public String today(Object zone) {
    return clock.instant().atZone(zone("today", zone)).toLocalDate().toString();
  }

  public String plusDays(Object value, Number amount) {
    return add("plusDays", value, amount, 1, ChronoUnit.DAYS);
  }

  public String minusDays(Object value, Number amount) {
    return add("minusDays", value, amount, -1, ChronoUnit.DAYS);
  }

  public String plusWeeks(Object value, Number amount) {
    return add("plusWeeks", value, amount, 1, ChronoUnit.WEEKS);
  }

  public String minusWeeks(Object value, Number amount) {
    return add("minusWeeks", value, amount, -1, ChronoUnit.WEEKS);
  }

  public String plusMonths(Object value, Number amount) {
    return add("plusMonths", value, amount, 1, ChronoUnit.MONTHS);
  }

  public String minusMonths(Object value, Number amount) {
    return add("minusMonths", value, amount, -1, ChronoUnit.MONTHS);
  }

  public String plusYears(Object value, Number amount) {
    return add("plusYears", value, amount, 1, ChronoUnit.YEARS);
  }

  public String minusYears(Object value, Number amount) {
    return add("minusYears", value, amount, -1, ChronoUnit.YEARS);
  }

  public String plusHours(Object value, Number amount) {
    return add("plusHours", value, amount, 1, ChronoUnit.HOURS);
  }

  public String minusHours(Object value, Number amount) {
    return add("minusHours", value, amount, -1, ChronoUnit.HOURS);
  }

  public String plusMinutes(Object value, Number amount) {
    return add("plusMinutes", value, amount, 1, ChronoUnit.MINUTES);
  }

  public String minusMinutes(Object value, Number amount) {
    return add("minusMinutes", value, amount, -1, ChronoUnit.MINUTES);
  }

  /** The first day of the value's month. */
  public String firstDayOfMonth(Object value) {
    return date("firstDayOfMonth", value).withDayOfMonth(1).toString();
  }

  public String lastDayOfMonth(Object value) {
    return date("lastDayOfMonth", value).with(TemporalAdjusters.lastDayOfMonth()).toString();
  }

  /** The first day of the month before the value's. */
  public String firstDayOfPreviousMonth(Object value) {
    return date("firstDayOfPreviousMonth", value).minusMonths(1).withDayOfMonth(1).toString();
  }

  /** The first day of the month before today's (UTC). */
  public String firstDayOfPreviousMonth() {
    return firstDayOfPreviousMonth(today());
  }

  /** The last day of the month before the value's. */
  public String lastDayOfPreviousMonth(Object value) {
    return date("lastDayOfPreviousMonth", value).withDayOfMonth(1).minusDays(1).toString();
  }

  /** The last day of the month before today's (UTC). */
  public String lastDayOfPreviousMonth() {
    return lastDayOfPreviousMonth(today());
  }

  /** The Monday of the value's week (ISO weeks). */
  public String startOfWeek(Object value) {
    return date("startOfWeek", value).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
  }

  /** The instant a day begins in a time zone, in UTC: {@code startOfDay('2026-11-01', 'Europe/Berlin')}. */
  public String startOfDay(Object value, Object zone) {
    return render(OffsetDateTime.ofInstant(
        date("startOfDay", value).atStartOfDay(zone("startOfDay", zone)).toInstant(), ZoneOffset.UTC));
  }

  /** Formats a value with a {@link DateTimeFormatter} pattern; a date-time is shown in UTC. */
  public String format(Object value, Object pattern) {
    return format(value, pattern, "UTC");
  }

  /** Formats a value with a {@link DateTimeFormatter} pattern; a date-time with an offset is shown in the zone. */
  public String format(Object value, Object pattern, Object zone) {
    Temporal temporal = parse("format", value);
    if (temporal instanceof OffsetDateTime dateTime) {
      temporal = dateTime.atZoneSameInstant(zone("format", zone));
    }
    try {
      return DateTimeFormatter.ofPattern(String.valueOf(pattern), Locale.ROOT).format(temporal);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new EvaluationFailure("date:format: cannot format " + describe(value) + " with '" + pattern + "': "
          + e.getMessage());
    }
  }

  private String add(String function, Object value, Number amount, int sign, TemporalUnit unit) {
    Temporal temporal = parse(function, value);
    if (temporal instanceof LocalDate && unit.isTimeBased()) {
      throw new EvaluationFailure("date:" + function + ": " + describe(value) + " is a date; it has no time");
    }
    try {
      return render(temporal.plus(Math.multiplyExact(whole(function, amount), (long) sign), unit));
    } catch (DateTimeException | ArithmeticException e) {
      throw new EvaluationFailure("date:" + function + ": " + describe(value) + " moved by " + amount
          + " is out of range");
    }
  }

  private static LocalDate date(String function, Object value) {
    Temporal temporal = parse(function, value);
    if (temporal instanceof OffsetDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (temporal instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    return (LocalDate) temporal;
  }

  private static Temporal parse(String function, Object value) {
    if (value instanceof String text) {
      for (Function<String, Temporal> parser : PARSERS) {
        try {
          return parser.apply(text);
        } catch (DateTimeException notThisKind) {
          // the next kind may read it
        }
      }
    }
    throw new EvaluationFailure("date:" + function + ": " + describe(value)
        + " is not a date (yyyy-MM-dd) or an ISO-8601 date-time");
  }

  /** ISO text with seconds always shown: {@code toString()} drops zero seconds, which some APIs refuse. */
  private static String render(Temporal temporal) {
    if (temporal instanceof OffsetDateTime dateTime) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    }
    if (temporal instanceof LocalDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
    }
    return temporal.toString();
  }

  private static ZoneId zone(String function, Object zone) {
    try {
      return ZoneId.of(String.valueOf(zone));
    } catch (DateTimeException e) {
      throw new EvaluationFailure("date:" + function + ": " + describe(zone) + " is not a time zone");
    }
  }

  private static long whole(String function, Number amount) {
    try {
      return new BigDecimal(amount.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new EvaluationFailure("date:" + function + ": " + amount + " is not a whole number");
    }
  }

  private static String describe(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
