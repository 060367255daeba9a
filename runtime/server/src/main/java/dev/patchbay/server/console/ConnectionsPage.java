package dev.patchbay.server.console;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The connections page: each connection with its status, who it acts as and its granted scopes; "Test" asks the
 * provider who the connection acts as, "Remove" (after a confirmation page) revokes it at the provider and deletes
 * it, and "Fix connection" authorizes one that needs it again ({@link ConnectPages}).
 */
final class ConnectionsPage {

  private final PatchbayRuntime runtime;

  ConnectionsPage(PatchbayRuntime runtime) {
    this.runtime = runtime;
  }

  void register(Routes routes, Function<Console.Page, io.javalin.http.Handler> session) {
    routes.get("/console/connections", session.apply((ctx, s) -> render(ctx, s, 200, flashFromQuery(ctx))));
    routes.post("/console/connections/{name}/test", session.apply(this::test));
    routes.get("/console/connections/{name}/remove", session.apply(this::confirmRemoval));
    routes.post("/console/connections/{name}/remove", session.apply(this::remove));
  }

  /** The outcome of a test, shown above the list; testing again on a reload is harmless. */
  private void test(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    String name = ctx.pathParam("name");
    try {
      ConnectionIdentity identity = runtime.connections().test(name);
      render(ctx, session, 200, "<p class=\"ok\" id=\"tested\">Connection <strong>" + Html.escape(name)
          + "</strong> works: it acts as " + Html.escape(identity.inWords()) + ".</p>");
    } catch (ConnectorException e) {
      render(ctx, session, ApiErrors.status(e.code()), "<div class=\"error\" id=\"tested\">Connection <strong>"
          + Html.escape(name) + "</strong> does not work: <strong>" + e.code() + "</strong>: "
          + Html.escape(e.getMessage()) + "</div>");
    }
  }

  private void confirmRemoval(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    Connection c = runtime.connections().get(ctx.pathParam("name"));
    ctx.html(Html.page("Remove " + c.name(), session.csrf(), "<p>Remove connection <strong>" + Html.escape(c.name())
        + "</strong> (" + Html.escape(c.connectorId()) + ", " + Html.escape(c.authTypeId()) + ")? Its authorization "
        + "is revoked at the provider where the provider allows it, and workflows that use it stop working.</p>"
        + "<form method=\"post\" action=\"/console/connections/" + Html.escape(c.name()) + "/remove\">"
        + Html.csrfField(session.csrf()) + "<button type=\"submit\" id=\"confirm-remove\">Remove</button> "
        + "<a href=\"/console/connections\">Keep it</a></form>"));
  }

  private void remove(Context ctx, ConsoleSessions.Session session) throws ConnectorException {
    String name = ctx.pathParam("name");
    String revocation = runtime.connections().remove(name);
    ctx.redirect("/console/connections?removed=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&revocation="
        + URLEncoder.encode(revocation, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
  }

  /** What the redirect after adding or removing a connection says; only about a name that is or is not listed. */
  private String flashFromQuery(Context ctx) throws ConnectorException {
    List<String> names = names();
    String added = ctx.queryParam("added");
    if (added != null && names.contains(added)) {
      return "<p class=\"ok\" id=\"added\">Your connection has been added: <strong>" + Html.escape(added)
          + "</strong>.</p>";
    }
    String removed = ctx.queryParam("removed");
    if (removed != null && !names.contains(removed)) {
      String revocation = ctx.queryParam("revocation");
      return "<p class=\"ok\" id=\"removed\">Connection <strong>" + Html.escape(removed) + "</strong> was removed"
          + (revocation == null ? "" : ": " + Html.escape(revocation)) + ".</p>";
    }
    return "";
  }

  private List<String> names() throws ConnectorException {
    return runtime.connections().list().connections().stream().map(stored -> stored.connection().name()).toList();
  }

  private void render(Context ctx, ConsoleSessions.Session session, int status, String flash)
      throws ConnectorException {
    List<Connection> connections = runtime.connections().list().connections().stream()
        .map(stored -> stored.connection()).toList();
    StringBuilder body = new StringBuilder(flash);
    if (runtime.sandbox() != null) {
      body.append("<p class=\"hint\" id=\"sandbox-note\">The server serves a sandbox (patchbay serve --sandbox): ")
          .append("these are the sandbox's connections, kept in memory with it and gone when the server stops; ")
          .append("your own, in the Patchbay home, are not shown or touched.</p>");
    }
    body.append("<p><a class=\"button\" id=\"add-connection\" href=\"/console/connections/new\">Add a connection"
        + "</a></p>");
    if (connections.isEmpty()) {
      body.append("<p>No connections yet.</p>");
    } else {
      body.append("<table id=\"connections\"><tr><th>Name</th><th>Connector</th><th>Auth type</th><th>Status</th>"
          + "<th>Acts as</th><th>Granted scopes</th><th></th></tr>");
      for (Connection c : connections) {
        body.append("<tr id=\"connection-").append(Html.escape(c.name())).append("\"><td>")
            .append(Html.escape(c.name())).append("</td><td>").append(Html.escape(c.connectorId()))
            .append("</td><td>").append(Html.escape(c.authTypeId())).append("</td><td class=\"status-")
            .append(c.status().name()).append("\">").append(c.status().name())
            .append(c.statusReason() == null ? "" : "<br><span class=\"hint\">" + Html.escape(c.statusReason())
                + "</span>" + ConnectPages.fixButton(c, session.csrf()))
            .append("</td><td>").append(Html.escape(c.identity() == null ? "-" : c.identity().inWords()))
            .append("</td><td>").append(Html.escape(String.join(" ", new TreeSet<>(c.grantedScopes()))))
            .append("</td><td><form method=\"post\" action=\"/console/connections/").append(Html.escape(c.name()))
            .append("/test\">").append(Html.csrfField(session.csrf())).append("<button type=\"submit\" id=\"test-")
            .append(Html.escape(c.name())).append("\">Test</button></form> <a id=\"remove-")
            .append(Html.escape(c.name())).append("\" href=\"/console/connections/").append(Html.escape(c.name()))
            .append("/remove\">Remove</a></td></tr>");
      }
      body.append("</table>");
    }
    Console.allowFormTargets(ctx, connections.stream().filter(c -> c.statusReason() != null)
        .map(Connection::authorizeUrl).toList());
    ctx.status(status).html(Html.page("Connections", session.csrf(), body.toString()));
  }
}
