package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on a runtime: starts it with the shared options, runs, closes it, and turns a Patchbay error
 * into its message and exit code.
 */
abstract class RuntimeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  RuntimeOptions runtimeOptions = new RuntimeOptions();

  @Override
  public final Integer call() throws Exception {
    try (PatchbayRuntime runtime = runtimeOptions.start()) {
      return run(runtime, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (ConnectorException e) {
      throw UserException.of(e);
    } catch (RunRecordsException e) {
      // A bad record is the user's to look at; a store that cannot be used is the operator's (exit 4).
      throw e.storeUnavailable() ? new UserException(ExitCode.STORE, "store: " + e.getMessage())
          : new UserException(ExitCode.INVALID, e.getMessage());
    }
  }

  /** @return the exit code */
  abstract int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception;
}
