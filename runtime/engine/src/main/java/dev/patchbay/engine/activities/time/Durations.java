package dev.patchbay.engine.activities.time;

import java.time.Duration;

/** Durations as people read them in messages. */
public final class Durations {

  private Durations() {}

  /** "250 ms", "30 s" (seconds rounded up), "2 min 5 s", "24 h". */
  public static String text(Duration duration) {
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = wholeSecondsUp(duration);
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    long minutes = wholeSecondsUp(duration.plusSeconds(59)) / 60;
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }

  /** Whole seconds, rounded up so that waiting that long is always enough. */
  public static long wholeSecondsUp(Duration duration) {
    return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
  }
}
