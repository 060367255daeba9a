package dev.patchbay.cli;

import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Shows a workflow run as it goes: a line per step, per-item progress for {@code forEach}, download progress. On a
 * terminal the item and byte counters update in place; elsewhere (CI, pipes) every event is a plain line.
 */
final class RunDisplay implements RunListener {

  private final PrintWriter out;
  private final boolean terminal;
  private int stepCount;
  private boolean lineOpen;

  RunDisplay(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void runStarted(String runId, int steps, boolean resumed) {
    stepCount = steps;
    println((resumed ? "Resuming run " : "Run ") + runId + " (" + steps + " steps)");
  }

  @Override
  public synchronized void stepStarted(int number, String stepId, int itemCount) {
    println("[" + number + "/" + stepCount + "] " + stepId + (itemCount >= 0 ? ": " + itemCount + " items" : ""));
  }

  @Override
  public synchronized void progress(String stepId, int itemIndex, long done, long total, String what) {
    if (!terminal) {
      return;
    }
    String amount = total > 0 ? (done * 100 / total) + "% " : "";
    inPlace("      " + (itemIndex >= 0 ? "item " + (itemIndex + 1) + ": " : "") + amount + what);
  }

  @Override
  public synchronized void itemFinished(String stepId, ItemRecord item, int finished, int itemCount) {
    String line = "      item " + finished + "/" + itemCount + " " + item.status()
        + (item.error() != null ? " " + item.error().code() + ": " + item.error().message() : "");
    if (terminal && item.error() == null) {
      inPlace(line);
    } else {
      println(line);
    }
  }

  @Override
  public synchronized void stepFinished(StepRecord step, boolean reused) {
    StringBuilder line = new StringBuilder("      " + step.id() + " " + step.status());
    if (reused) {
      line.append(" (reused from the earlier run)");
    } else if (step.attempts() > 0) {
      line.append(" (").append(step.attempts()).append(step.attempts() == 1 ? " attempt" : " attempts");
      if (step.startedAt() != null && step.endedAt() != null) {
        line.append(", ").append(seconds(Duration.between(step.startedAt(), step.endedAt())));
      }
      line.append(')');
    }
    if (step.note() != null) {
      line.append(": ").append(step.note());
    }
    if (step.error() != null) {
      line.append("\n      ").append(step.error().code()).append(": ").append(step.error().message());
    }
    println(line.toString());
  }

  @Override
  public synchronized void runFinished(RunRecord run) {
    println("Run " + run.id() + " " + run.status());
  }

  private void inPlace(String text) {
    out.print("\r" + text + "\u001b[K");
    out.flush();
    lineOpen = true;
  }

  private void println(String text) {
    if (lineOpen) {
      out.print("\r\u001b[K");
      lineOpen = false;
    }
    out.println(text);
    out.flush();
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }
}
