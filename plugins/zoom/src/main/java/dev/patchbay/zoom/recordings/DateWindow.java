package dev.patchbay.zoom.recordings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive range of days that Zoom accepts in one recordings listing ("the maximum range can be a month").
 *
 * @param from first day
 * @param to last day
 */
record DateWindow(LocalDate from, LocalDate to) {

  /**
   * Splits [from, to] into consecutive windows. Each window ends on the day before the same day of the next month
   * ({@code start.plusMonths(1).minusDays(1)}; Jan 31 ends Feb 27 because plusMonths clamps to Feb 28), so none
   * spans more than a calendar month whichever way Zoom counts one. The next window starts the following day:
   * both bounds are inclusive, so windows neither overlap nor leave a gap.
   */
  static List<DateWindow> split(LocalDate from, LocalDate to) {
    List<DateWindow> windows = new ArrayList<>();
    LocalDate start = from;
    while (!start.isAfter(to)) {
      LocalDate monthEnd = start.plusMonths(1).minusDays(1);
      LocalDate end = monthEnd.isBefore(to) ? monthEnd : to;
      windows.add(new DateWindow(start, end));
      start = end.plusDays(1);
    }
    return windows;
  }
}
