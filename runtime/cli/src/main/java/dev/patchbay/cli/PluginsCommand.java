package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Map<String, Object>> list = new ArrayList<>();
        for (PluginReport report : reports) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("file", report.archive().toString());
          item.put("id", report.pluginId());
          item.put("version", report.version());
          item.put("state", report.status().name());
          item.put("connectors", report.connectors());
          item.put("error", report.error());
          list.add(item);
        }
        JsonOutput.print(out, list);
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
