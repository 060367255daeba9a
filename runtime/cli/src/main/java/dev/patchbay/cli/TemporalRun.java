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
      RunRecord record = runs.follow(request.runId(), new RunDisplay(display, System.console() != null, runId -> { }),
          LOOK_EVERY);
      if (command.json) {
        JsonOutput.print(out, record);
      } else if (record.outputs() != null && !record.outputs().isEmpty()) {
        display.println("Outputs:");
        display.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record.outputs()));
      }
      return exitCode(record, err);
    }
  }

  private static int exitCode(RunRecord record, PrintWriter err) {
    if (record.status() == RunStatus.SUCCEEDED) {
      return ExitCode.OK;
    }
    if (record.error() == null) {
      err.println("run " + record.id() + " " + record.status());
      return ExitCode.INVALID;
    }
    ErrorFamily family = ErrorFamily.of(record.error());
    err.println("run " + record.id() + " failed" + (record.failedStep() == null ? "" : " at step '"
        + record.failedStep() + "'") + ": " + family.label() + ": " + record.error().message());
    return family.exitCode();
  }
}
