package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Workflow run records.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class})
final class RunsCommand extends GroupCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first: this "
      + "home's, or every process's on the shared store.")
  static final class ListRuns extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: all)")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the N newest runs (default: 0)")
    int offset;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      if (limit < 0 || offset < 0) {
        throw new UserException(ExitCode.USAGE, "--limit and --offset count runs: 0 or more");
      }
      RunRecords records = runtime.workflows().records();
      RunRecords.Listing listing = records.list(offset, limit);
      List<RunRecord> runs = listing.runs();
      if (json) {
        JsonOutput.print(out, runs);
      } else if (runs.isEmpty() && offset == 0) {
        out.println("No runs yet. Run a workflow: patchbay run WORKFLOW");
      } else {
        Table table = new Table("RUN", "WORKFLOW", "STATUS", "STARTED", "FAILED STEP");
        for (RunRecord run : runs) {
          table.row(run.id(), run.workflowName(), run.status().name(), Describe.time(run.startedAt()),
              run.failedStep() != null ? run.failedStep() : run.error() != null ? "(outputs)" : "");
        }
        table.print(out);
      }
      // Records that could not be read are named, and the exit code says something was wrong.
      for (String id : listing.unreadable()) {
        err.println("warning: " + records.location(id) + " is not a readable run record (patchbay runs show " + id
            + " says why)");
      }
      return listing.unreadable().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: each step's status, timing, "
      + "attempts, output and error.")
  static final class Show extends RuntimeCommand {
    @Parameters(paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--json", description = "Print the whole run record as JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      RunRecord run;
      try {
        run = runtime.workflows().run(runId);
      } catch (UnknownRunException e) {
        throw new UserException(ExitCode.NOT_FOUND, e.getMessage());
      }
      if (json) {
        JsonOutput.print(out, run);
        return ExitCode.OK;
      }
      out.println("Run " + run.id() + ": " + run.workflowName() + " (" + run.workflowFile() + ")");
      out.println("Status: " + run.status() + ", started " + Describe.time(run.startedAt())
          + (run.endedAt() != null ? ", ended " + Describe.time(run.endedAt()) : ""));
      if (run.status() != RunStatus.SUCCEEDED && run.status() != RunStatus.RUNNING) {
        out.println(RunFailure.describe(run));
        if (run.status() != RunStatus.CANCELLED) {
          out.println(RunFailure.resumeHint(run.id()));
        }
      }
      Table table = new Table("STEP", "ACTIVITY", "STATUS", "ATTEMPTS", "ITEMS", "ERROR");
      for (StepRecord step : run.steps()) {
        table.row(step.id(), step.activity(), step.status().name(), String.valueOf(step.attempts()),
            step.items() == null ? "-" : String.valueOf(step.items().size()),
            step.error() == null ? "-" : ErrorFamily.of(step.error()).label() + ": " + step.error().message());
      }
      table.print(out);
      out.println("Full record: patchbay runs show " + run.id() + " --json");
      return ExitCode.OK;
    }
  }
}
