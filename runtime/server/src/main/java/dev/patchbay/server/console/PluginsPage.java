package dev.patchbay.server.console;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginSummary;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The console's plugins page: every plugin archive with its status and error, as it is now. Archives dropped into,
 * replaced in or removed from a plugins folder while the server runs show up here without a restart.
 */
public final class PluginsPage {

  private final PatchbayRuntime runtime;
  private final Console console;

  public PluginsPage(PatchbayRuntime runtime, Console console) {
    this.runtime = runtime;
    this.console = console;
  }

  public void register(Routes routes) {
    routes.get("/console/plugins", console.session(this::plugins));
  }

  private void plugins(Context ctx, ConsoleSessions.Session session) {
    StringBuilder body = new StringBuilder("<p>Drop a plugin zip into "
        + runtime.plugins().roots().stream().map(Path::toString).map(Html::escape)
            .collect(Collectors.joining(" or ", "<code>", "</code>"))
        + ": it is loaded once it is completely written. Replace the zip to update the plugin (running activities "
        + "finish in the old version), remove it to unload the plugin.</p><p id=\"admission\">Admission: "
        + Html.escape(runtime.plugins().admissionPolicy().summary()) + "</p>"
        + "<table><tr><th>File</th><th>Plugin</th><th>Version</th><th>Status</th><th>Connectors</th><th>Error</th>"
        + "</tr>");
    for (PluginReport report : runtime.catalog().plugins()) {
      PluginSummary shown = report.pluginId() == null ? PluginSummary.of(report)
          : PluginSummary.of(report, runtime.pluginHealth(report.pluginId()));
      String error = shown.error() == null ? "" : shown.error();
      if (shown.quarantinedUntil() != null) {
        error = "quarantined until " + shown.quarantinedUntil() + ": " + error;
      }
      if (shown.stuckCalls() > 0) {
        error += (error.isEmpty() ? "" : "; ") + shown.stuckCalls() + " calls stuck past their deadline";
      }
      body.append("<tr><td>").append(Html.escape(report.fileName()))
          .append("</td><td>").append(Html.escape(report.pluginId()))
          .append("</td><td>").append(Html.escape(report.version()))
          .append("</td><td class=\"status-").append(shown.state()).append("\">").append(shown.state())
          .append("</td><td>").append(report.connectors().stream()
              .map(id -> "<a href=\"/console/connectors/" + Html.escape(id) + "\">" + Html.escape(id) + "</a>")
              .collect(Collectors.joining(", ")))
          .append("</td><td>").append(Html.escape(error)).append("</td></tr>");
    }
    if (runtime.catalog().plugins().isEmpty()) {
      body.append("<tr><td colspan=\"6\">No plugin archives.</td></tr>");
    }
    body.append("</table>");
    ctx.html(Html.page("Plugins", session.csrf(), body.toString()));
  }
}
