package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Workflow run records.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class})
final class RunsCommand extends GroupCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
  static final class ListRuns extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      List<RunRecord> runs = runtime.workflows().runs();
      if (json) {
        JsonOutput.print(out, runs);
      } else if (runs.isEmpty()) {
        out.println("No runs yet. Run a workflow: patchbay run WORKFLOW");
      } else {
        Table table = new Table("RUN", "WORKFLOW", "STATUS", "STARTED", "FAILED STEP");
        for (RunRecord run : runs) {
          table.row(run.id(), run.workflowName(), run.status().name(), Describe.time(run.startedAt()),
              run.failedStep() != null ? run.failedStep() : run.error() != null ? "(outputs)" : "");
        }
        table.print(out);
      }
      return warnAboutUnreadable(runtime, runs, err);
    }

    /** Records that could not be read are named, and the exit code says something was wrong. */
    private static int warnAboutUnreadable(PatchbayRuntime runtime, List<RunRecord> runs, PrintWriter err)
        throws Exception {
      java.nio.file.Path folder = runtime.workflows().runsFolder();
      if (!java.nio.file.Files.isDirectory(folder)) {
        return ExitCode.OK;
      }
      java.util.Set<String> listed = new java.util.HashSet<>();
      runs.forEach(run -> listed.add(run.id() + ".json"));
      List<String> unreadable;
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
        unreadable = files.map(file -> file.getFileName().toString())
            .filter(name -> name.endsWith(".json") && !listed.contains(name)).sorted().toList();
      }
      for (String name : unreadable) {
        err.println("warning: " + folder.resolve(name) + " is not a readable run record (patchbay runs show "
            + name.substring(0, name.length() - ".json".length()) + " says why)");
      }
      return unreadable.isEmpty() ? ExitCode.OK : ExitCode.INVALID;
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
      } catch (java.io.UncheckedIOException e) {
        throw new UserException(ExitCode.INVALID, e.getMessage() + ": " + e.getCause().getMessage());
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
      }
      Table table = new Table("STEP", "ACTIVITY", "STATUS", "ATTEMPTS", "ITEMS", "ERROR");
      for (StepRecord step : run.steps()) {
        table.row(step.id(), step.activity(), step.status().name(), String.valueOf(attempts(step)),
            step.items() == null ? "-" : String.valueOf(step.items().size()),
            step.error() == null ? "-" : step.error().code() + ": " + step.error().message());
      }
      table.print(out);
      out.println("Full record: patchbay runs show " + run.id() + " --json");
      return ExitCode.OK;
    }

    /** A forEach step's attempts are its elements'. */
    private static int attempts(StepRecord step) {
      return step.items() == null ? step.attempts()
          : step.items().stream().mapToInt(dev.patchbay.engine.workflows.records.ItemRecord::attempts).sum();
    }
  }
}
