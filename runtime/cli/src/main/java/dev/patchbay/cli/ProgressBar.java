package dev.patchbay.cli;

import dev.patchbay.api.Progress;
import java.io.PrintWriter;

/** A one-line progress display on a terminal; nothing when output is not a terminal (scripts, CI, pipes). */
final class ProgressBar implements Progress {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private long lastDrawn = -1;

  private ProgressBar(PrintWriter err) {
    this.err = err;
  }

  static Progress forTerminal(PrintWriter err) {
    return System.console() == null ? Progress.NONE : new ProgressBar(err);
  }

  @Override
  public synchronized void report(long done, long total, String what) {
    long percent = total > 0 ? Math.min(100, done * 100 / total) : -1;
    if (percent == lastDrawn && percent != 100) {
      return;
    }
    lastDrawn = percent;
    String bar = percent < 0 ? "" : "[" + "#".repeat((int) (percent * WIDTH / 100))
        + " ".repeat(WIDTH - (int) (percent * WIDTH / 100)) + "] " + percent + "% ";
    err.print("\r" + bar + what + "\u001b[K");
    if (percent == 100) {
      err.println();
    }
    err.flush();
  }
}
