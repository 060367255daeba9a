package dev.patchbay.server.console;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.records.StepRecord;
import dev.patchbay.server.access.BearerAuth;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.signin.Connecting;
import dev.patchbay.server.workflows.BackgroundRuns;
import dev.patchbay.server.workflows.WorkflowFolder;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * The web console under {@code /console}: server-rendered pages behind a session obtained by entering the API token.
 * The session cookie is HttpOnly and SameSite=Strict; every form carries the session's CSRF token.
 */
public final class Console {

  static final String SESSION_COOKIE = "patchbay_session";
  static final String LOGIN_COOKIE = "patchbay_login";
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  private final PatchbayRuntime runtime;
  private final BearerAuth auth;
  private final ConsoleSessions sessions = new ConsoleSessions(Clock.systemUTC());
  private final Connecting connecting;
  private final ActivityResults results = new ActivityResults();
  private final Cookies cookies;

  private final WorkflowPages workflows;

  public Console(PatchbayRuntime runtime, BearerAuth auth, Connecting connecting, WorkflowFolder workflowFolder,
      BackgroundRuns backgroundRuns) {
    this.runtime = runtime;
    this.auth = auth;
    this.connecting = connecting;
    this.cookies = new Cookies(connecting::servedOverHttps);
    this.workflows = new WorkflowPages(runtime, workflowFolder, backgroundRuns);
  }

  public void register(Routes routes) {
    // A browser opening the server's address lands on the console.
    routes.get("/", ctx -> ctx.redirect("/console"));
    routes.get("/console", ctx -> ctx.redirect("/console/connectors"));
    routes.get("/console/style.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(Html.STYLE));
    routes.get("/console/login", this::loginPage);
    routes.post("/console/login", this::login);
    routes.post("/console/logout", session(this::logout));
    routes.get("/console/connectors", session(this::connectors));
    routes.get("/console/connectors/{id}", session(this::connector));
    routes.get("/console/activities/{connector}/{operation}", session(this::activityForm));
    routes.post("/console/activities/{connector}/{operation}", session(this::runActivity));
    routes.get("/console/runs", session(this::runs));
    routes.get("/console/runs/{id}", session(this::run));
    new ConnectionsPage(runtime).register(routes, this::session);
    workflows.register(routes, this::session);
    new ConnectPages(runtime, connecting, cookies).register(routes, this::session);
    new SignInPages(runtime, connecting.signIns(), cookies).register(routes);
  }

  /** Headers every console answer carries: no framing, no outside resources, no referrer. */
  public static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", contentSecurityPolicy(""));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  /**
   * Lets this page's forms lead to the given URLs' origins as well: a browser applies {@code form-action} to the
   * redirects after a submission too, and a connect form's redirect goes on to the provider's sign-in page.
   */
  static void allowFormTargets(Context ctx, Collection<String> urls) {
    StringBuilder origins = new StringBuilder();
    for (String url : urls) {
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
      if (parsed != null) {
        origins.append(' ').append(parsed.scheme()).append("://").append(parsed.host()).append(':')
            .append(parsed.port());
      }
    }
    ctx.header("Content-Security-Policy", contentSecurityPolicy(origins.toString()));
  }

  private static String contentSecurityPolicy(String moreFormTargets) {
    return "default-src 'none'; style-src 'self'; form-action 'self'" + moreFormTargets + "; "
        + "frame-ancestors 'none'; base-uri 'none'";
  }

  interface Page {
    void handle(Context ctx, ConsoleSessions.Session session) throws Exception;
  }

  /** A page that needs a session (else to the sign-in page); a POST also needs the session's CSRF token. */
  Handler session(Page page) {
    return ctx -> {
      Optional<ConsoleSessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
      if (session.isEmpty()) {
        ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
        return;
      }
      if (ctx.method() == HandlerType.POST && !session.get().csrfMatches(ctx.formParam("csrf"))) {
        ctx.status(403).html(Html.page("Form expired", session.get().csrf(), "<p class=\"error\">This form did not "
            + "carry this session's CSRF token. Go back, reload the page and submit again.</p>"));
        return;
      }
      try {
        page.handle(ctx, session.get());
      } catch (ConnectorException e) {
        ctx.status(ApiErrors.status(e.code())).html(Html.page("Error", session.get().csrf(),
            "<p class=\"error\"><strong>" + e.code() + "</strong>: " + Html.escape(e.getMessage()) + "</p>"));
      }
    };
  }

  // --- sign-in ---

  private void loginPage(Context ctx) {
    renderLogin(ctx, 200, null);
  }

  private void renderLogin(Context ctx, int status, String error) {
    String nonce = ConsoleSessions.random();
    addCookie(ctx, LOGIN_COOKIE, nonce, "/console/login", 600);
    ctx.status(status).html(Html.page("Sign in", null, (error == null ? "" : "<p class=\"error\">"
        + Html.escape(error) + "</p>")
        + "<p>Enter the server's API token (in <code>$PATCHBAY_HOME/server/api-token</code>).</p>"
        + "<form method=\"post\" action=\"/console/login\">" + Html.csrfField(nonce)
        + "<label for=\"token\">API token</label><input type=\"password\" id=\"token\" name=\"token\" "
        + "autocomplete=\"off\" required> <button type=\"submit\">Sign in</button></form>"));
  }

  private void login(Context ctx) {
    String nonce = ctx.cookie(LOGIN_COOKIE);
    String submitted = ctx.formParam("csrf");
    if (nonce == null || submitted == null || !new ConsoleSessions.Session("", nonce, null).csrfMatches(submitted)) {
      renderLogin(ctx, 403, "The sign-in form expired; enter the token again.");
      return;
    }
    if (!auth.matches(ctx.formParam("token"))) {
      renderLogin(ctx, 401, "That is not the API token.");
      return;
    }
    ConsoleSessions.Session session = sessions.open();
    addCookie(ctx, LOGIN_COOKIE, "", "/console/login", 0);
    addCookie(ctx, SESSION_COOKIE, session.id(), "/", (int) ConsoleSessions.LIFETIME.toSeconds());
    ctx.redirect("/console/connectors", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx, ConsoleSessions.Session session) {
    sessions.close(session.id());
    addCookie(ctx, SESSION_COOKIE, "", "/", 0);
    ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
  }

  private void addCookie(Context ctx, String name, String value, String path, int maxAgeSeconds) {
    cookies.set(ctx, name, value, path, maxAgeSeconds, "Strict");
  }

  // --- catalog ---

  private void connectors(Context ctx, ConsoleSessions.Session session) {
    String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").trim();
    String needle = query.toLowerCase(Locale.ROOT);
    StringBuilder body = new StringBuilder("<form method=\"get\" action=\"/console/connectors\">"
        + "<label for=\"q\">Search connectors</label><input type=\"search\" id=\"q\" name=\"q\" "
        + "placeholder=\"name or description\" value=\"" + Html.escape(query)
        + "\"> <button type=\"submit\">Search</button></form><p></p>"
        + "<table><tr><th>Connector</th><th>Description</th><th>Version</th><th>Operations</th><th>Auth types</th>"
        + "</tr>");
    int shown = 0;
    for (CatalogEntry entry : runtime.catalog().connectors()) {
      ConnectorDefinition d = entry.definition();
      String haystack = (d.id() + " " + d.name() + " " + d.description()).toLowerCase(Locale.ROOT);
      if (!needle.isEmpty() && !haystack.contains(needle)) {
        continue;
      }
      shown++;
      body.append("<tr><td><a href=\"/console/connectors/").append(Html.escape(d.id())).append("\">")
          .append(Html.escape(d.name())).append("</a></td><td>").append(Html.escape(d.description()))
          .append("</td><td>").append(Html.escape(d.version())).append("</td><td>").append(d.operations().size())
          .append("</td><td>").append(Html.escape(d.authTypes().stream().map(AuthTypeDefinition::displayName)
              .collect(Collectors.joining(", ")))).append("</td></tr>");
    }
    body.append("</table>");
    if (shown == 0) {
      body.append("<p>No connector matches").append(query.isEmpty() ? "" : " '" + Html.escape(query) + "'")
          .append(".</p>");
    }
    ctx.html(Html.page("Connectors", session.csrf(), body.toString()));
  }

  private void connector(Context ctx, ConsoleSessions.Session session) {
    Optional<CatalogEntry> entry = runtime.catalog().connector(ctx.pathParam("id"));
    if (entry.isEmpty()) {
      notFound(ctx, session, "There is no connector '" + ctx.pathParam("id") + "'.");
      return;
    }
    ConnectorDefinition d = entry.get().definition();
    StringBuilder body = new StringBuilder("<p>").append(Html.escape(d.description())).append("</p><p>Version ")
        .append(Html.escape(d.version())).append(", plugin ").append(Html.escape(entry.get().pluginId()))
        .append("</p><p><a class=\"button\" id=\"connect-link\" href=\"/console/connections/new?connector=")
        .append(Html.escape(d.id())).append("\">Connect to ").append(Html.escape(d.name())).append("</a></p>")
        .append("<h2>Auth types</h2><table><tr><th>Auth type</th><th>Description</th><th>Fields</th></tr>");
    for (AuthTypeDefinition authType : d.authTypes()) {
      body.append("<tr><td>").append(Html.escape(authType.displayName())).append(" <span class=\"hint\">")
          .append(Html.escape(authType.id())).append("</span></td><td>").append(Html.escape(authType.description()))
          .append("</td><td>");
      for (FieldDefinition field : authType.fieldList()) {
        body.append(Html.escape(field.title())).append(field.required() ? " (required" : " (optional")
            .append(field.secret() ? ", secret)" : ")").append("<br>");
      }
      body.append("</td></tr>");
    }
    body.append("</table><h2>Scopes</h2><table><tr><th>Scope</th><th>Description</th></tr>");
    for (ScopeDefinition scope : d.scopes()) {
      body.append("<tr><td><code>").append(Html.escape(scope.name())).append("</code></td><td>")
          .append(Html.escape(scope.description())).append("</td></tr>");
    }
    body.append("</table><h2>Operations</h2><table><tr><th>Operation</th><th>Description</th>"
        + "<th>Needs one of</th></tr>");
    for (OperationDefinition operation : d.operations()) {
      body.append("<tr><td><a href=\"/console/activities/").append(Html.escape(d.id())).append("/")
          .append(Html.escape(operation.id())).append("\">").append(Html.escape(operation.displayName()))
          .append("</a> <span class=\"hint\">").append(Html.escape(operation.id())).append("</span></td><td>")
          .append(Html.escape(operation.description())).append("</td><td>")
          .append(Html.escape(operation.requiredScopes().isEmpty() ? "(no scope)" : operation.requiredScopes()
              .stream().map(set -> String.join(" + ", set)).collect(Collectors.joining(" | "))))
          .append("</td></tr>");
    }
    body.append("</table>");
    ctx.html(Html.page(d.name(), session.csrf(), body.toString()));
  }

  // --- activities ---

  private void activityForm(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    Optional<ActivityResults.Outcome> outcome = results.find(session.id(), ctx.queryParam("result"));
    renderActivity(ctx, session, outcome.map(ActivityResults.Outcome::values).orElse(Map.of()),
        outcome.map(ActivityResults.Outcome::html).orElse(null));
  }

  private void runActivity(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    Optional<OperationDefinition> operation = operation(ctx);
    if (operation.isEmpty()) {
      renderActivity(ctx, session, Map.of(), null);
      return;
    }
    Map<String, List<String>> values = ctx.formParamMap();
    String result;
    try {
      String connection = ctx.formParam("connection");
      ActivityResult done = runtime.activities().run(ctx.pathParam("connector") + "/" + operation.get().id(),
          connection == null ? "" : connection, new ActivityForm(operation.get().input()).input(values));
      result = "<h2>Output</h2><p class=\"ok\">Done in " + done.duration().toMillis() + " ms, " + done.attempts()
          + (done.attempts() == 1 ? " request" : " requests") + ".</p><pre id=\"output\">"
          + Html.escape(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(done.output())) + "</pre>";
    } catch (ActivityForm.BadValues e) {
      result = "<h2>Error</h2><div class=\"error\"><strong>INVALID_INPUT</strong>: "
          + (e.problems().size() == 1 ? "1 field needs fixing" : e.problems().size() + " fields need fixing")
          + problemList(e.problems()) + "</div>";
    } catch (ActivityException e) {
      result = errorHtml(e.error());
    }
    // Post/redirect/get: a reload shows this outcome again rather than running the activity a second time. The
    // fragment brings the browser to the outcome, above the form.
    ctx.redirect(ctx.path() + "?result=" + results.keep(session.id(), values, result) + "#result",
        HttpStatus.SEE_OTHER);
  }

  /** An activity's failure: its code and message, each schema violation as an item, the other details as JSON. */
  private static String errorHtml(ActivityError error) {
    Object remediation = error.details().get(ActivityError.REMEDIATION);
    Map<String, Object> details = new java.util.LinkedHashMap<>(error.details());
    Object violations = details.remove(ActivityError.VIOLATIONS);
    String message = error.message();
    List<String> problems = new java.util.ArrayList<>();
    if (violations instanceof List<?> listed) {
      for (Object violation : listed) {
        if (violation instanceof Map<?, ?> map) {
          Object pointer = map.get("pointer");
          problems.add((pointer == null || pointer.toString().isEmpty() ? "(the input)" : pointer) + ": "
              + map.get("message"));
        }
      }
      int colon = message.indexOf(": ");
      message = colon > 0 && !problems.isEmpty() ? message.substring(0, colon) : message;
    }
    return "<h2>Error</h2><div class=\"error\"><strong>" + error.code() + "</strong>: " + Html.escape(message)
        + problemList(problems)
        + (remediation == null || error.message().contains(remediation.toString()) ? ""
            : "<p>" + Html.escape(remediation) + "</p>")
        + (details.isEmpty() ? "" : "<pre>" + Html.escape(Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(details)) + "</pre>") + "</div>";
  }

  private static String problemList(List<String> problems) {
    if (problems.isEmpty()) {
      return "";
    }
    StringBuilder list = new StringBuilder("<ul class=\"problems\">");
    for (String problem : problems) {
      list.append("<li>").append(Html.escape(problem)).append("</li>");
    }
    return list.append("</ul>").toString();
  }

  private Optional<OperationDefinition> operation(Context ctx) {
    return runtime.catalog().connector(ctx.pathParam("connector"))
        .flatMap(entry -> entry.definition().operation(ctx.pathParam("operation")));
  }

  private void renderActivity(Context ctx, ConsoleSessions.Session session, Map<String, List<String>> values,
      String result) throws ConnectorException {
    String connectorId = ctx.pathParam("connector");
    Optional<OperationDefinition> found = operation(ctx);
    if (found.isEmpty()) {
      notFound(ctx, session, "There is no operation '" + ctx.pathParam("operation") + "' of connector '"
          + connectorId + "'.");
      return;
    }
    OperationDefinition operation = found.get();
    List<String> names = runtime.connections().list().connections().stream().map(stored -> stored.connection())
        .filter(c -> c.connectorId().equals(connectorId)).map(Connection::name).toList();
    List<String> chosen = values.getOrDefault("connection", List.of());
    StringBuilder body = new StringBuilder("<p>").append(Html.escape(operation.description())).append("</p>");
    if (result != null) {
      // Where the user looks after Run: at the top, above the form that produced it.
      body.append("<section id=\"result\">").append(result).append("</section>");
    }
    body.append("<form method=\"post\" action=\"/console/activities/").append(Html.escape(connectorId)).append("/")
        .append(Html.escape(operation.id())).append("\">").append(Html.csrfField(session.csrf()))
        .append("<label for=\"connection\">Connection</label><select id=\"connection\" name=\"connection\">");
    for (String name : names) {
      body.append("<option").append(chosen.contains(name) ? " selected" : "").append(">").append(Html.escape(name))
          .append("</option>");
    }
    body.append("</select>");
    if (names.isEmpty()) {
      body.append("<div class=\"hint\" id=\"no-connection\">No connection to this connector yet: <a href=\"")
          .append("/console/connections/new?connector=").append(Html.escape(connectorId)).append("\">connect</a> ")
          .append("first.</div>");
    }
    body.append(new ActivityForm(operation.input()).html(values))
        .append("<p><button type=\"submit\">Run</button></p></form>");
    ctx.html(Html.page(operation.displayName(), session.csrf(), body.toString()));
  }

  // --- runs ---

  private void runs(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    List<RunRecord> runs = runtime.workflows().runs();
    StringBuilder body = new StringBuilder();
    if (runs.isEmpty()) {
      body.append("<p>No runs yet. Start one from <a href=\"/console/workflows\">Workflows</a>, with <code>patchbay ")
          .append("run</code>, or with <code>POST /api/runs</code>.</p>");
    } else {
      body.append("<table><tr><th>Run</th><th>Workflow</th><th>Status</th><th>Started</th><th>Ended</th>"
          + "<th>Failed step</th></tr>");
      for (RunRecord run : runs) {
        body.append("<tr><td><a href=\"/console/runs/").append(Html.escape(run.id())).append("\">")
            .append(Html.escape(run.id())).append("</a></td><td>").append(Html.escape(run.workflowName()))
            .append("</td><td class=\"status-").append(run.status().name()).append("\">").append(run.status().name())
            .append("</td><td>").append(Html.time(run.startedAt())).append("</td><td>")
            .append(Html.time(run.endedAt())).append("</td><td>").append(Html.escape(run.failedStep()))
            .append("</td></tr>");
      }
      body.append("</table>");
    }
    ctx.html(Html.page("Runs", session.csrf(), body.toString()));
  }

  private void run(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    String id = ctx.pathParam("id");
    RunRecord run;
    try {
      if (!RUN_ID.matcher(id).matches()) {
        throw new UnknownRunException(id);
      }
      // A signed-in session holds the API token, which may start any run: the outputs as they are (a join link).
      run = runtime.workflows().runForCaller(id);
    } catch (UnknownRunException e) {
      notFound(ctx, session, "There is no run '" + id + "'.");
      return;
    }
    StringBuilder body = new StringBuilder("<p>").append(Html.escape(run.workflowName()))
        .append(": <span class=\"status-")
        .append(run.status().name()).append("\">").append(run.status().name()).append("</span>, started ")
        .append(Html.time(run.startedAt())).append(run.endedAt() == null ? "" : ", ended "
            + Html.time(run.endedAt())).append("</p>");
    body.append(workflows.runControls(run, session.csrf()));
    if (run.error() != null) {
      body.append("<div class=\"error\" id=\"run-error\"><strong>").append(Html.escape(run.error().family()))
          .append("</strong>: ")
          .append(Html.escape(run.error().message())).append("</div>");
    }
    body.append("<table><tr><th>Step</th><th>Activity</th><th>Status</th><th>Started</th><th>Ended</th>"
        + "<th>Attempts</th><th>Output or error</th></tr>");
    for (StepRecord step : run.steps()) {
      body.append("<tr><td>").append(Html.escape(step.id())).append("</td><td>").append(Html.escape(step.activity()))
          .append("</td><td class=\"status-").append(step.status().name()).append("\">").append(step.status().name())
          .append("</td><td>").append(Html.time(step.startedAt())).append("</td><td>")
          .append(Html.time(step.endedAt())).append("</td><td>").append(step.attempts()).append("</td><td>");
      if (step.error() != null) {
        body.append("<div class=\"error\"><strong>").append(Html.escape(step.error().family())).append("</strong>: ")
            .append(Html.escape(step.error().message())).append("</div>");
      } else if (step.output() != null) {
        body.append("<pre>").append(Html.escape(Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(step.output()))).append("</pre>");
      } else if (step.items() != null) {
        body.append(step.items().size()).append(step.items().size() == 1 ? " item" : " items");
      }
      body.append("</td></tr>");
    }
    body.append("</table>");
    if (run.outputs() != null && !run.outputs().isEmpty()) {
      body.append("<h2>Outputs</h2><pre>").append(Html.escape(Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(run.outputs()))).append("</pre>");
    }
    ctx.html(Html.page("Run " + run.id(), session.csrf(), body.toString(),
        run.status() == RunStatus.RUNNING ? 2 : 0));
  }

  private static void notFound(Context ctx, ConsoleSessions.Session session, String message) {
    ctx.status(404).html(Html.page("Not found", session.csrf(), "<p class=\"error\">" + Html.escape(message)
        + "</p>"));
  }
}
