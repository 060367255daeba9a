package dev.patchbay.server.console;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.definition.InputDeclaration;
import dev.patchbay.engine.workflows.definition.InputType;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.server.SandboxConnection;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.workflows.BackgroundRuns;
import dev.patchbay.server.workflows.WorkflowFolder;
import dev.patchbay.server.workflows.WorkflowStarts;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Running workflows from the console: the server's workflows folder, a form per workflow generated from its
 * declared inputs (a date picker for a date, a choice for a boolean, JSON for arrays and objects, a masked field for
 * a secret) and the connection for each connector it uses, Run, then the run's page, which follows it while it runs
 * and resumes it when it did not succeed.
 */
final class WorkflowPages {

  private static final String INPUT_PREFIX = "in.";
  private static final String CONNECTION_PREFIX = "connection.";

  private final PatchbayRuntime runtime;
  private final WorkflowFolder folder;
  private final BackgroundRuns runs;

  WorkflowPages(PatchbayRuntime runtime, WorkflowFolder folder, BackgroundRuns runs) {
    this.runtime = runtime;
    this.folder = folder;
    this.runs = runs;
  }

  void register(Routes routes, Function<Console.Page, Handler> session) {
    routes.get("/console/workflows", session.apply(this::list));
    routes.get("/console/workflows/{file}", session.apply(this::form));
    routes.post("/console/workflows/{file}", session.apply(this::start));
    routes.post("/console/runs/{id}/resume", session.apply(this::resume));
  }

  private void list(Context ctx, ConsoleSessions.Session session) {
    StringBuilder body = new StringBuilder();
    if (!folder.configured()) {
      body.append("<p id=\"no-folder\">This server has no workflows folder. Start it with <code>patchbay serve ")
          .append("--workflows FOLDER</code> to run the workflows in FOLDER from here.</p>");
      ctx.html(Html.page("Workflows", session.csrf(), body.toString()));
      return;
    }
    List<WorkflowFolder.Entry> entries = folder.list();
    body.append("<p>The workflows in <code>").append(Html.escape(folder.folder())).append("</code>. Choose one to ")
        .append("fill in its inputs and run it.</p>");
    if (entries.isEmpty()) {
      body.append("<p>No workflow files (<code>.yaml</code>, <code>.yml</code>, <code>.json</code>) there yet.</p>");
    } else {
      body.append("<table><tr><th>Workflow</th><th>File</th><th>Description</th><th>Inputs</th></tr>");
      for (WorkflowFolder.Entry entry : entries) {
        Workflow workflow = entry.workflow();
        body.append("<tr><td><a href=\"/console/workflows/").append(Html.escape(entry.fileName())).append("\">")
            .append(Html.escape(entry.title())).append("</a></td><td><code>").append(Html.escape(entry.fileName()))
            .append("</code></td><td>")
            .append(workflow == null ? "<span class=\"error\">" + Html.escape(entry.unreadable()) + "</span>"
                : Html.escape(workflow.description()))
            .append("</td><td>").append(workflow == null ? "" : String.join(", ", workflow.inputs().keySet()))
            .append("</td></tr>");
      }
      body.append("</table>");
    }
    ctx.html(Html.page("Workflows", session.csrf(), body.toString()));
  }

  private void form(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    Optional<WorkflowFolder.Entry> entry = entry(ctx, session);
    if (entry.isPresent()) {
      render(ctx, session, entry.get(), 200, Map.of(), List.of());
    }
  }

  private void start(Context ctx, ConsoleSessions.Session session) throws ConnectorException, InterruptedException {
    Optional<WorkflowFolder.Entry> found = entry(ctx, session);
    if (found.isEmpty()) {
      return;
    }
    WorkflowFolder.Entry entry = found.get();
    Map<String, List<String>> values = ctx.formParamMap();
    Map<String, String> inputs = new LinkedHashMap<>();
    Map<String, String> connections = new LinkedHashMap<>();
    values.forEach((name, given) -> {
      String value = given.isEmpty() ? "" : given.get(0);
      if (name.startsWith(INPUT_PREFIX) && !value.isEmpty()) {
        inputs.put(name.substring(INPUT_PREFIX.length()), value);
      } else if (name.startsWith(CONNECTION_PREFIX) && !value.isEmpty()) {
        connections.put(name.substring(CONNECTION_PREFIX.length()), value);
      }
    });
    try {
      String runId = runs.start(entry.file(), inputs, WorkflowStarts.withSandboxConnections(runtime,
          entry.workflow(), connections));
      ctx.redirect("/console/runs/" + runId, HttpStatus.SEE_OTHER);
    } catch (WorkflowProblems e) {
      render(ctx, session, entry, 400, values, e.problems());
    }
  }

  private void resume(Context ctx, ConsoleSessions.Session session) throws ConnectorException, InterruptedException {
    String id = ctx.pathParam("id");
    try {
      if (!WorkflowStarts.RUN_ID.matcher(id).matches()) {
        throw new UnknownRunException(id);
      }
      ctx.redirect("/console/runs/" + runs.resume(id), HttpStatus.SEE_OTHER);
    } catch (UnknownRunException e) {
      ctx.status(404).html(Html.page("Not found", session.csrf(), "<p class=\"error\">There is no run '"
          + Html.escape(id) + "'.</p>"));
    } catch (WorkflowProblems e) {
      ctx.status(400).html(Html.page("Run " + id + " was not resumed", session.csrf(), problemsHtml(e.problems())
          + "<p><a href=\"/console/runs/" + Html.escape(id) + "\">Back to the run</a></p>"));
    }
  }

  private Optional<WorkflowFolder.Entry> entry(Context ctx, ConsoleSessions.Session session) {
    String file = ctx.pathParam("file");
    Optional<WorkflowFolder.Entry> entry = folder.find(file);
    if (entry.isEmpty()) {
      ctx.status(404).html(Html.page("Not found", session.csrf(), "<p class=\"error\">There is no workflow '"
          + Html.escape(file) + "' in the workflows folder.</p><p><a href=\"/console/workflows\">The workflows"
          + "</a></p>"));
    }
    return entry;
  }

  private void render(Context ctx, ConsoleSessions.Session session, WorkflowFolder.Entry entry, int status,
      Map<String, List<String>> values, List<WorkflowProblem> problems) throws ConnectorException {
    StringBuilder body = new StringBuilder();
    if (!problems.isEmpty()) {
      body.append("<section id=\"result\">").append(problemsHtml(problems)).append("</section>");
    }
    Workflow workflow = entry.workflow();
    if (workflow == null) {
      body.append("<p class=\"error\">").append(Html.escape(entry.unreadable())).append("</p>");
    } else if (workflow.description() != null) {
      body.append("<p>").append(Html.escape(workflow.description())).append("</p>");
    }
    body.append("<form method=\"post\" action=\"/console/workflows/").append(Html.escape(entry.fileName()))
        .append("\" autocomplete=\"off\">").append(Html.csrfField(session.csrf()));
    if (workflow != null) {
      if (workflow.inputs().isEmpty()) {
        body.append("<p class=\"hint\">This workflow takes no inputs.</p>");
      }
      for (InputDeclaration input : workflow.inputs().values()) {
        body.append(inputField(input, first(values, INPUT_PREFIX + input.name())));
      }
      for (String connectorId : WorkflowStarts.connectorsUsed(workflow)) {
        body.append(connectionChoice(connectorId, workflow, first(values, CONNECTION_PREFIX + connectorId)));
      }
    }
    body.append("<p><button type=\"submit\" id=\"run\">Run</button></p></form>");
    ctx.status(status).html(Html.page(entry.title(), session.csrf(), body.toString()));
  }

  private static String inputField(InputDeclaration input, String value) {
    String id = INPUT_PREFIX + input.name();
    InputType type = input.type() == null ? InputType.STRING : input.type();
    JsonNode fallback = input.defaultValue();
    StringBuilder html = new StringBuilder("<label for=\"").append(Html.escape(id)).append("\">")
        .append(Html.escape(input.name())).append(input.required() ? " *" : "").append(" <span class=\"hint\">")
        .append(Html.escape(type.typeName())).append(input.secret() ? ", secret" : "")
        .append(input.description() == null ? "" : " — " + Html.escape(input.description()))
        .append(fallback == null ? "" : input.secret() ? " (has a default)" : " (default: "
            + Html.escape(fallback.isString() ? fallback.stringValue() : fallback.toString()) + ")")
        .append("</span></label>");
    // Not the browser's "required": it stops at the first empty field; the server lists every problem at once.
    String common = " id=\"" + Html.escape(id) + "\" name=\"" + Html.escape(id) + "\"";
    String shown = input.secret() || value == null ? "" : value;
    switch (type) {
      case BOOLEAN -> html.append("<select").append(common).append("><option value=\"\"></option>")
          .append(option("true", shown)).append(option("false", shown)).append("</select>");
      case ARRAY, OBJECT -> html.append("<textarea rows=\"4\" placeholder=\"JSON\"").append(common).append(">")
          .append(Html.escape(shown)).append("</textarea>");
      default -> html.append("<input type=\"")
          .append(input.secret() ? "password" : type == InputType.DATE ? "date" : "text").append("\"")
          .append(type == InputType.INTEGER || type == InputType.NUMBER ? " inputmode=\"decimal\"" : "")
          .append(common).append(" value=\"").append(Html.escape(shown)).append("\">");
    }
    return html.toString();
  }

  private static String option(String choice, String chosen) {
    return "<option" + (choice.equals(chosen) ? " selected" : "") + ">" + choice + "</option>";
  }

  /** A choice of the connections to the connector; empty means the workflow's own (or the sandbox's). */
  private String connectionChoice(String connectorId, Workflow workflow, String chosen) throws ConnectorException {
    String id = CONNECTION_PREFIX + connectorId;
    Optional<String> sandbox = SandboxConnection.forConnector(runtime, connectorId);
    String declared = workflow.connections().get(connectorId);
    String byDefault = sandbox.map(name -> "(the sandbox's: " + name + ")")
        .orElse(declared == null ? "(the default)" : "(the workflow's: " + declared + ")");
    StringBuilder html = new StringBuilder("<label for=\"").append(Html.escape(id)).append("\">Connection to ")
        .append(Html.escape(connectorId)).append("</label><select id=\"").append(Html.escape(id))
        .append("\" name=\"").append(Html.escape(id)).append("\"><option value=\"\">").append(Html.escape(byDefault))
        .append("</option>");
    for (var stored : runtime.connections().list().connections()) {
      Connection c = stored.connection();
      if (c.connectorId().equals(connectorId)) {
        html.append("<option").append(c.name().equals(chosen) ? " selected" : "").append(">")
            .append(Html.escape(c.name())).append("</option>");
      }
    }
    return html.append("</select>").toString();
  }

  /** Every problem that kept the run from starting, each with its line. */
  private static String problemsHtml(List<WorkflowProblem> problems) {
    StringBuilder html = new StringBuilder("<div class=\"error\" id=\"problems\"><strong>Nothing ran</strong>: ")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("<ul class=\"problems\">");
    for (WorkflowProblem problem : problems) {
      html.append("<li>").append(problem.line() > 0 ? "line " + problem.line() + ": " : "")
          .append(Html.escape(problem.message())).append("</li>");
    }
    return html.append("</ul></div>").toString();
  }

  /**
   * What the run page adds for a run: while it runs, what it is doing (and the page reloads itself); once it did
   * not succeed, the Resume button.
   */
  String runControls(RunRecord run, String csrf) {
    StringBuilder html = new StringBuilder();
    if (run.status() == RunStatus.RUNNING) {
      html.append("<div class=\"ok\" id=\"progress\">Running");
      runs.progress(run.id()).ifPresent(progress -> {
        if (progress.stepId() != null) {
          html.append(": step ").append(progress.stepNumber()).append(" of ").append(progress.stepCount())
              .append(", <code>").append(Html.escape(progress.stepId())).append("</code>");
          if (progress.itemCount() >= 0) {
            html.append(", ").append(progress.itemsDone()).append(" of ").append(progress.itemCount())
                .append(" items done");
          }
          if (progress.done() >= 0) {
            html.append(", ").append(progress.done()).append(progress.total() >= 0 ? " of " + progress.total() : "")
                .append(progress.what() == null ? "" : " " + Html.escape(progress.what()));
          }
        }
      });
      html.append(". This page reloads itself until the run ends.</div>");
    } else if (run.status() == RunStatus.FAILED || run.status() == RunStatus.INTERRUPTED) {
      html.append("<form method=\"post\" action=\"/console/runs/").append(Html.escape(run.id()))
          .append("/resume\">").append(Html.csrfField(csrf)).append("<p><button type=\"submit\" id=\"resume\">")
          .append("Resume</button> <span class=\"hint\">from the first step that did not succeed; the steps that ")
          .append("succeeded are not run again</span></p></form>");
    }
    return html.toString();
  }

  private static String first(Map<String, List<String>> values, String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }
}
