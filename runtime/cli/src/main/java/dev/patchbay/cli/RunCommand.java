package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.Workflows;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
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

  @Option(names = "--input", paramLabel = "NAME=VALUE", description = "A workflow input (repeatable), e.g. topic=Standup")
  Map<String, String> inputs = new LinkedHashMap<>();

  @Option(names = "--connection", paramLabel = "CONNECTOR=NAME",
      description = "Use this connection for a connector's steps (repeatable), e.g. zoom=work")
  Map<String, String> connections = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the run record as JSON on stdout; progress goes to stderr")
  boolean json;

  @Mixin
  TemporalOptions temporal = new TemporalOptions();

  private static boolean succeeded(PatchbayRuntime runtime, String runId) throws ConnectorException {
    try {
      return runtime.workflows().run(runId).status() == RunStatus.SUCCEEDED;
    } catch (UnknownRunException e) {
      return false;
    }
  }

  @Override
  int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
    if (temporal.enabled()) {
      return TemporalRun.run(this, runtime, out, err);
    }
    PrintWriter display = json ? err : out;
    Map<String, String> overrides = new LinkedHashMap<>(connections);
    SandboxRuns sandboxRuns = new SandboxRuns(runtime.home().root());
    List<SandboxRuns.Used> sandboxesUsed = new ArrayList<>();
    if (target.resume != null) {
      sandboxesUsed.addAll(sandboxRuns.of(target.resume));
      // The run's own sandboxes, from the state they had, on their ports: recorded outputs hold URLs with them.
      for (SandboxRuns.Used used : sandboxesUsed) {
        SandboxOptions.open(runtime, used.connector(), used.authType(), used.state(), used.port());
      }
      if (sandboxesUsed.isEmpty() && sandbox.enabled) {
        // A sandbox run forgets its sandboxes once it succeeds: say that, not that it never had one.
        if (succeeded(runtime, target.resume)) {
          throw new UserException(ExitCode.USAGE, "run " + target.resume + " succeeded; there is nothing to "
              + "resume");
        }
        throw new UserException(ExitCode.USAGE, "run " + target.resume + " did not run on a sandbox (or its "
            + "sandbox's state is gone); resume it without --sandbox, with the connections it recorded");
      }
    } else if (sandbox.enabled) {
      // A connector the catalog lacks gets no sandbox: the run's checks report it with every other problem.
      Set<String> connectors = connectorsOf(target.workflow);
      connectors.removeIf(connectorId -> runtime.catalog().connector(connectorId).isEmpty());
      Map<String, String> authTypes = sandbox.authTypes(runtime, connectors);
      for (String connectorId : connectors) {
        Path state = sandboxRuns.newState(connectorId);
        String authType = authTypes.get(connectorId);
        SandboxSession session = SandboxOptions.open(runtime, connectorId, authType, state, 0);
        overrides.put(connectorId, session.connection().name());
        sandboxesUsed.add(new SandboxRuns.Used(connectorId, authType,
            SandboxRuns.port(session.running().baseUrl()), state));
      }
    }
    Workflows workflows = runtime.workflows();
    RunDisplay listener = new RunDisplay(display, System.console() != null, runId -> {
      if (!sandboxesUsed.isEmpty()) {
        sandboxRuns.remember(runId, sandboxesUsed);
      }
    });
    Thread interrupted = new Thread(() -> listener.interrupted(err), "patchbay-run-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
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
    } finally {
      removeHook(interrupted);
    }
    // The outputs as they are: the user asked for them (a join link must work); the record keeps them redacted.
    if (json) {
      JsonOutput.print(out, run.recordForCaller());
    } else {
      display.println("Record: " + run.recordLocation());
      if (run.outputs() != null && !run.outputs().isEmpty()) {
        display.println("Outputs:");
        display.println(dev.patchbay.engine.json.Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(run.outputs()));
      }
    }
    if (run.succeeded()) {
      if (!sandboxesUsed.isEmpty()) {
        sandboxRuns.forget(run.id(), sandboxesUsed);
      }
      return ExitCode.OK;
    }
    err.println(RunFailure.describe(run.record()));
    err.println(RunFailure.resumeHint(run.id()));
    return run.record().error() == null ? ExitCode.INVALID : ErrorFamily.of(run.record().error()).exitCode();
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) because the process is being stopped.
    }
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
