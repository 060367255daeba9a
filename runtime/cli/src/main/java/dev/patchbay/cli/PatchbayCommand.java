package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(
    name = "patchbay",
    mixinStandardHelpOptions = true,
    versionProvider = PatchbayCommand.Version.class,
    description = "Runs connector activities and workflows. Connectors are plugins dropped into a plugins folder.",
    footer = {
        "",
        "Environment:",
        "  PATCHBAY_HOME        plugins, connections, keys, run records (~/.patchbay)",
        "  PATCHBAY_MASTER_KEY  base64 of 32 bytes; else a key file is generated",
        "  PATCHBAY_STORE       postgresql://USER@HOST:PORT/DATABASE: share state with other processes",
        "  PATCHBAY_STORE_PASSWORD, PATCHBAY_STORE_PASSWORD_FILE  its password",
        "",
        "Exit codes:",
        "  0 ok, 1 invalid, 2 usage error or workflow problems, 3 not found, 4 store unusable,",
        "  10 INVALID_INPUT, 11 MISSING_SCOPE, 12 NEEDS_REAUTH, 13 PERMISSION_DENIED,",
        "  14 RATE_LIMITED, 15 LIMIT_EXCEEDED, 16 TIMEOUT, 17 UPSTREAM_ERROR,",
        "  18 INVALID_OUTPUT, 19 PLUGIN_ERROR, 70 internal error"
    })
final class PatchbayCommand extends GroupCommand {

  /**
   * The subcommands, in the order help lists them. Not in the annotation: {@link Main} adds only the one a command
   * line names, since picocli reads every added command's annotations and fields at start.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, RunsCommand.class, ConnectorsCommand.class,
      ConnectionsCommand.class, ActivityCommand.class, SandboxCommand.class, PluginsCommand.class,
      DefinitionsCommand.class, ServeCommand.class, WebhooksCommand.class, StoreCommand.class, WorkerCommand.class);

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"patchbay " + PatchbayRuntime.version()};
    }
  }
}
