package dev.patchbay.cli;

import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.records.ItemRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.records.StepStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shows a workflow run as it goes: a line per step, per-item progress for {@code forEach}, download progress. On a
 * terminal the item and byte counters update in place; elsewhere (CI, pipes) every event is a plain line.
 */
final class RunDisplay implements RunListener {

  private final PrintWriter out;
  private final boolean terminal;
  private final Consumer<String> started;
  private int stepCount;
  private boolean lineOpen;
  /** The run under way: between its start and its end. */
  private String running;
  /** forEach steps of this run whose failed elements did not stop it, as "download (1 of 12)". */
  private final List<String> partlyFailed = new ArrayList<>();

  /** @param started told the run's id when it starts, before its first step */
  RunDisplay(PrintWriter out, boolean terminal, Consumer<String> started) {
    this.out = out;
    this.terminal = terminal;
    this.started = started;
  }

  /**
   * The process is being stopped (Ctrl-C, SIGTERM) during a run: says how to go on with it. Its record keeps what
   * succeeded, and a download's bytes stay in its {@code .part} file for the resumed run to go on from.
   */
  synchronized void interrupted(PrintWriter err) {
    if (running != null) {
      stopped(err, "Interrupted: run " + running + " stopped before it ended. Go on with: patchbay run --resume "
          + running);
    }
  }

  /** The process is being stopped: ends the display with {@code message} on {@code err}. */
  synchronized void stopped(PrintWriter err, String message) {
    if (lineOpen) {
      out.print("\r\u001b[K");
      out.flush();
      lineOpen = false;
    }
    err.println(message);
    err.flush();
  }

  /** A line of its own among the run's events. */
  synchronized void notice(String line) {
    println(line);
  }

  @Override
  public synchronized void runStarted(String runId, int steps, boolean resumed) {
    running = runId;
    started.accept(runId);
    stepCount = steps;
    println((resumed ? "Resuming run " : "Run ") + runId + " (" + steps + (steps == 1 ? " step)" : " steps)"));
  }

  @Override
  public synchronized void stepStarted(int number, String stepId, int itemCount) {
    println("[" + number + "/" + stepCount + "] " + stepId
        + (itemCount >= 0 ? ": " + itemCount + (itemCount == 1 ? " item" : " items") : ""));
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
        + (item.error() != null ? " " + ErrorFamily.of(item.error()).label() + ": " + item.error().message() : "");
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
      line.append("\n      ").append(ErrorFamily.of(step.error()).label()).append(": ").append(step.error().message());
    }
    long failed = step.items() == null ? 0
        : step.items().stream().filter(item -> item.status() == StepStatus.FAILED).count();
    if (failed > 0 && !reused) {
      int total = step.items().size();
      long succeeded = step.items().stream().filter(item -> item.status() == StepStatus.SUCCEEDED).count();
      line.append("\n      ").append(succeeded).append(" of ").append(total).append(total == 1 ? " item" : " items")
          .append(" succeeded; ").append(failed).append(" failed");
      partlyFailed.add(step.id() + " (" + failed + " of " + total + ")");
    }
    println(line.toString());
  }

  @Override
  public synchronized void runFinished(RunRecord run) {
    running = null;
    // A run that went on past failed elements (onError: continue) succeeded, but not with everything: say so last.
    println("Run " + run.id() + " " + run.status() + (partlyFailed.isEmpty() || run.status() != RunStatus.SUCCEEDED
        ? ""
        : ", but items failed in " + String.join(", ", partlyFailed) + ": patchbay runs show " + run.id()
            + " --json has their errors"));
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
