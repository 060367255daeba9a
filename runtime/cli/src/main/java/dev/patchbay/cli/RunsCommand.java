package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Workflow run records.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class})
final class RunsCommand extends GroupCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
  static final class ListRuns implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (PatchbayRuntime runtime = runtimeOptions.start()) {
        List<RunRecord> runs = runtime.workflows().runs();
        if (json) {
          JsonOutput.print(out, runs);
        } else if (runs.isEmpty()) {
          out.println("No runs yet. Run a workflow: patchbay run WORKFLOW");
        } else {
          Table table = new Table("RUN", "WORKFLOW", "STATUS", "STARTED", "FAILED STEP");
          for (RunRecord run : runs) {
            table.row(run.id(), run.workflowName(), run.status().name(), String.valueOf(run.startedAt()),
                run.failedStep());
          }
          table.print(out);
        }
        return ExitCode.OK;
      } catch (ConnectorException e) {
        throw UserException.of(e);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: each step's status, timing, "
      + "attempts, output and error.")
  static final class Show implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    @Parameters(paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--json", description = "Print the whole run record as JSON")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (PatchbayRuntime runtime = runtimeOptions.start()) {
        RunRecord run = runtime.workflows().run(runId);
        if (json) {
          JsonOutput.print(out, run);
          return ExitCode.OK;
        }
        out.println("Run " + run.id() + ": " + run.workflowName() + " (" + run.workflowFile() + ")");
        out.println("Status: " + run.status() + ", started " + run.startedAt()
            + (run.endedAt() != null ? ", ended " + run.endedAt() : ""));
        Table table = new Table("STEP", "ACTIVITY", "STATUS", "ATTEMPTS", "ITEMS", "ERROR");
        for (StepRecord step : run.steps()) {
          table.row(step.id(), step.activity(), step.status().name(), String.valueOf(step.attempts()),
              step.items() == null ? "-" : String.valueOf(step.items().size()),
              step.error() == null ? "-" : step.error().code() + ": " + step.error().message());
        }
        table.print(out);
        out.println("Full record: patchbay runs show " + run.id() + " --json");
        return ExitCode.OK;
      } catch (UnknownRunException e) {
        throw new UserException(ExitCode.NOT_FOUND, e.getMessage());
      } catch (ConnectorException e) {
        throw UserException.of(e);
      }
    }
  }
}
