package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalRuns;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.workflow.RunRequest;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * {@code patchbay run WORKFLOW --temporal HOST:PORT}: checks the workflow here, starts it on Temporal, and follows it
 * with the display of a local run. Ctrl-C stops the following; the run goes on, on the workers.
 */
final class TemporalRun {

  private static final Duration LOOK_EVERY = Duration.ofMillis(300);

  private TemporalRun() {}

  static int run(RunCommand command, PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
    if (command.target.resume != null) {
      throw new UserException(ExitCode.USAGE, "--resume goes on with a local run; a run on Temporal goes on by "
          + "itself on the workers");
    }
    if (command.sandbox.enabled) {
      throw new UserException(ExitCode.USAGE, "--sandbox connects only this process, and the workers run the steps: "
          + "start one with 'patchbay sandbox start zoom', add a connection to it, and name it with --connection");
    }
    TemporalSettings settings = command.temporal.settings();
    TemporalOptions.requireInstallationKey(runtime);
    PrintWriter display = command.json ? err : out;
    try (TemporalConnection connection = command.temporal.connect(runtime)) {
      TemporalRuns runs = new TemporalRuns(connection.client(), settings);
      RunRequest request;
      try {
        request = runs.prepare(runtime, command.target.workflow, command.inputs, command.connections,
            TemporalRuns.newRunId());
      } catch (WorkflowProblems e) {
        for (WorkflowProblem problem : e.problems()) {
          err.println(problem);
        }
        err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + "; nothing was run");
        return ExitCode.USAGE;
      }
      runs.start(request, request.runId());
      display.println("Started on Temporal at " + settings.target() + " (task queue " + settings.taskQueue()
          + ") as workflow " + request.runId() + "; Ctrl-C stops following, the run goes on (Temporal's UI, or "
          + "'temporal workflow describe --workflow-id " + request.runId() + "', shows it)");
      display.flush();
      RunDisplay shown = new RunDisplay(display, System.console() != null, runId -> { });
      // Ctrl-C ends this process, not the run: say where the run can still be seen.
      Thread stopped = new Thread(() -> shown.stopped(err, "Stopped following run " + request.runId() + "; it goes "
          + "on on the workers. See it with 'patchbay runs show " + request.runId() + "' (its record, as the workers "
          + "write it) or 'temporal workflow describe --workflow-id " + request.runId() + "'"),
          "patchbay-run-stopped-following");
      Runtime.getRuntime().addShutdownHook(stopped);
      RunRecord record;
      try {
        record = runs.follow(request.runId(), shown, shown::notice, LOOK_EVERY);
      } catch (TemporalRuns.StoppedUnrecorded e) {
        err.println("error: " + e.getMessage());
        return ExitCode.INVALID;
      } finally {
        RunCommand.removeHook(stopped);
      }
      if (command.json) {
        JsonOutput.print(out, record);
      } else if (record.outputs() != null && !record.outputs().isEmpty()) {
        display.println("Outputs:");
        display.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record.outputs()));
      }
      return exitCode(record, err);
    }
  }

  /** The run's exit code, as a local run's: where and why it failed said as {@code run} says it. */
  private static int exitCode(RunRecord record, PrintWriter err) {
    if (record.status() == RunStatus.SUCCEEDED) {
      return ExitCode.OK;
    }
    err.println(RunFailure.describe(record));
    return record.error() == null ? ExitCode.INVALID : ErrorFamily.of(record.error()).exitCode();
  }
}
