package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginSummary;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins", mixinStandardHelpOptions = true, description = "The plugin archives and what became of them.",
    subcommands = {PluginsCommand.ListPlugins.class})
final class PluginsCommand extends GroupCommand {


  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List every plugin archive found: id, version, state, and the error of those that failed.")
  static final class ListPlugins extends RuntimeCommand {
    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) {
      List<PluginReport> reports = runtime.catalog().plugins();
      if (json) {
        JsonOutput.print(out, reports.stream().map(PluginSummary::of).toList());
        return ExitCode.OK;
      }
      if (reports.isEmpty()) {
        out.println("No plugins found in " + runtime.home().plugins());
        return ExitCode.OK;
      }
      Table table = new Table("FILE", "ID", "VERSION", "STATE", "CONNECTORS / ERROR");
      for (PluginReport report : reports) {
        table.row(report.fileName(), report.pluginId(), report.version(), report.status().name(),
            report.error() != null ? report.error() : String.join(",", report.connectors()));
      }
      table.print(out);
      return ExitCode.OK;
    }
  }
}
