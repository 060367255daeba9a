package dev.patchbay.zoom.recordings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateWindowTest {

  private static LocalDate day(String text) {
    return LocalDate.parse(text);
  }

  @Test
  void aRangeOfUpToAMonthIsOneWindow() {
    assertEquals(List.of(new DateWindow(day("2026-01-01"), day("2026-01-01"))),
        DateWindow.split(day("2026-01-01"), day("2026-01-01")));
    assertEquals(List.of(new DateWindow(day("2026-01-01"), day("2026-01-31"))),
        DateWindow.split(day("2026-01-01"), day("2026-01-31")));
  }

  @Test
  void fortyDaysAreTwoWindows() {
    assertEquals(List.of(
            new DateWindow(day("2026-01-01"), day("2026-01-31")),
            new DateWindow(day("2026-02-01"), day("2026-02-09"))),
        DateWindow.split(day("2026-01-01"), day("2026-02-09")));
  }

  @Test
  void aWindowStartingOnTheThirtyFirstStaysInsideShortFebruary() {
    assertEquals(List.of(
            new DateWindow(day("2026-01-31"), day("2026-02-27")),
            new DateWindow(day("2026-02-28"), day("2026-03-10"))),
        DateWindow.split(day("2026-01-31"), day("2026-03-10")));
  }

  @Test
  void windowsNeverExceedAMonthAndCoverTheRangeWithoutGapsOrOverlaps() {
    for (LocalDate from = day("2023-12-01"); from.isBefore(day("2025-01-01")); from = from.plusDays(1)) {
      LocalDate to = from.plusDays(400);
      List<DateWindow> windows = DateWindow.split(from, to);

      assertEquals(from, windows.get(0).from());
      assertEquals(to, windows.get(windows.size() - 1).to());
      for (int i = 0; i < windows.size(); i++) {
        DateWindow window = windows.get(i);
        assertFalse(window.to().isAfter(window.from().plusMonths(1).minusDays(1)), window::toString);
        assertFalse(window.to().isBefore(window.from()), window::toString);
        if (i > 0) {
          assertEquals(windows.get(i - 1).to().plusDays(1), window.from());
        }
      }
    }
  }
}
