package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(
    name = "patchbay",
    mixinStandardHelpOptions = true,
    versionProvider = PatchbayCommand.Version.class,
    description = "Runs connector activities and workflows. Connectors are plugins dropped into a plugins folder.",
    subcommands = {ConnectorsCommand.class, PluginsCommand.class, DefinitionsCommand.class},
    footer = {
        "",
        "Environment:",
        "  PATCHBAY_HOME   where plugins, connections, keys and run records live (default ~/.patchbay)",
        "Exit codes: 0 ok, 1 invalid, 2 usage error, 3 not found, 70 internal error."
    })
final class PatchbayCommand extends GroupCommand {


  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"patchbay " + PatchbayRuntime.version()};
    }
  }
}
