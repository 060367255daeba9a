package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.Workflows;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a workflow file (YAML or JSON), or resume a run that did not succeed.",
        "Everything is checked before anything runs; problems are listed with line numbers (exit 2).",
        "A failed run exits with its failing step's error family (see patchbay --help)."})
final class RunCommand extends RuntimeCommand {

  @Mixin
  SandboxOptions sandbox = new SandboxOptions();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "WORKFLOW", description = "The workflow file")
    Path workflow;

    @Option(names = "--resume", paramLabel = "RUN_ID",
        description = "Re-run a recorded run from its first step that did not succeed, reusing recorded outputs")
    String resume;
  }

  @Option(names = "--input", paramLabel = "KEY=VALUE", description = "A workflow input (repeatable)")
  Map<String, String> inputs = new LinkedHashMap<>();

  @Option(names = "--connection", paramLabel = "CONNECTOR=NAME",
      description = "Use this connection for a connector's steps (repeatable), e.g. zoom=work")
  Map<String, String> connections = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the run record as JSON on stdout; progress goes to stderr")
  boolean json;

  @Mixin
  TemporalOptions temporal = new TemporalOptions();

  @Override
  int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
    if (temporal.enabled()) {
      return TemporalRun.run(this, runtime, out, err);
    }
    PrintWriter display = json ? err : out;
    Map<String, String> overrides = new LinkedHashMap<>(connections);
    if (sandbox.enabled) {
      if (target.workflow == null) {
        throw new UserException(ExitCode.USAGE, "--sandbox runs a workflow file; a resumed run uses its own "
            + "connections");
      }
      for (String connectorId : connectorsOf(target.workflow)) {
        overrides.put(connectorId, sandbox.open(runtime, connectorId));
      }
    }
    Workflows workflows = runtime.workflows();
    RunDisplay listener = new RunDisplay(display, System.console() != null);
    WorkflowRun run;
    try {
      run = target.resume != null
          ? workflows.resume(target.resume, inputs, listener)
          : workflows.run(target.workflow, inputs, overrides, listener);
    } catch (WorkflowProblems e) {
      for (WorkflowProblem problem : e.problems()) {
        err.println(problem);
      }
      err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + "; nothing was run");
      return ExitCode.USAGE;
    } catch (UnknownRunException e) {
      throw new UserException(ExitCode.NOT_FOUND, e.getMessage());
    }
    if (json) {
      JsonOutput.print(out, run.record());
    } else {
      display.println("Record: " + run.recordFile());
      if (run.record().outputs() != null && !run.record().outputs().isEmpty()) {
        display.println("Outputs:");
        display.println(dev.patchbay.engine.json.Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(run.record().outputs()));
      }
    }
    if (run.succeeded()) {
      return ExitCode.OK;
    }
    StepRecord failed = run.failedStep().orElse(null);
    if (failed == null || failed.error() == null) {
      err.println("run " + run.id() + " " + run.status());
      return ExitCode.INVALID;
    }
    err.println("run " + run.id() + " failed at step '" + failed.id() + "': " + failed.error().code() + ": "
        + failed.error().message());
    err.println("fix the cause, then: patchbay run --resume " + run.id());
    return ExitCode.of(failed.error().code());
  }

  /** The connectors a workflow's steps use, for opening their sandboxes; an unreadable file is reported later. */
  private static Set<String> connectorsOf(Path file) {
    Set<String> connectors = new TreeSet<>();
    try {
      JsonNode workflow = new YAMLMapper().readTree(Files.readString(file));
      workflow.path("steps").forEach(step -> {
        String activity = step.path("activity").asString("");
        if (activity.contains("/")) {
          connectors.add(activity.substring(0, activity.indexOf('/')));
        }
      });
    } catch (java.io.IOException | JacksonException e) {
      // The run's own check reports an unreadable or malformed file with its line.
    }
    return connectors;
  }
}
