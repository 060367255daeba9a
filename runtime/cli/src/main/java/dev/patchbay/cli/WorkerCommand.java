package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalWorker;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run Patchbay workflows and their steps from a Temporal task queue, until stopped (Ctrl-C).",
        "Steps run with this process's plugins and the connections of its PATCHBAY_HOME; start as many workers as "
            + "you like, on any machine that shares that state.",
        "Start runs with: patchbay run WORKFLOW --temporal HOST:PORT"},
    modelTransformer = WorkerCommand.TemporalRequired.class)
final class WorkerCommand extends RuntimeCommand {

  @Mixin
  TemporalOptions temporal = new TemporalOptions();

  @Option(names = "--concurrency", paramLabel = "K", defaultValue = "8",
      description = "Steps this worker runs at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--cached-runs", paramLabel = "N", defaultValue = "" + TemporalWorker.DEFAULT_CACHED_RUNS,
      description = "Runs kept in memory between their workflow tasks (default: ${DEFAULT-VALUE}); 0 for a Temporal "
          + "service that never moves a dead worker's cached runs on (the Java SDK's test server)")
  int cachedRuns;

  @Override
  int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
    if (concurrency < 1) {
      throw new UserException(ExitCode.USAGE, "--concurrency must be at least 1, not " + concurrency);
    }
    if (cachedRuns < 0) {
      throw new UserException(ExitCode.USAGE, "--cached-runs must not be negative, not " + cachedRuns);
    }
    TemporalSettings settings = temporal.settings();
    Activities activities = runtime.activities();
    TemporalConnection connection = temporal.connect(runtime);
    TemporalWorker worker = TemporalWorker.start(connection.client(), settings.taskQueue(), activities,
        runtime.workflows().records(), concurrency, cachedRuns);
    out.println("Worker polling task queue " + settings.taskQueue() + " on " + settings.target() + " (namespace "
        + settings.namespace() + "), " + concurrency + " step" + (concurrency == 1 ? "" : "s") + " at once.");
    out.println("Stop with Ctrl-C; running steps get 30 s to finish, the others go to another worker.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      connection.close();
      runtime.close();
      stopped.countDown();
    }, "patchbay-worker-shutdown"));
    stopped.await();
    return ExitCode.OK;
  }

  /**
   * {@code --temporal}, optional for the commands that run in this process without it, is the service a worker
   * polls: required here, and shown so in the usage.
   */
  static final class TemporalRequired implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      OptionSpec temporal = spec.findOption("--temporal");
      spec.remove(temporal);
      spec.addOption(OptionSpec.builder(temporal).required(true)
          .description("The Temporal service to poll (its frontend, e.g. localhost:7233); required").build());
      return spec;
    }
  }
}
