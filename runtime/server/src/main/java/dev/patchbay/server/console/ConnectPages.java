package dev.patchbay.server.console;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.signin.Connecting;
import dev.patchbay.server.signin.SignIns;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Connect to …": choose an auth type, enter the fields its definition asks for (secrets masked, never shown
 * again), Connect. An auth type with a sign-in page continues on the provider's page and comes back to
 * {@link SignInPages}; one without connects at once. "Fix connection" authorizes a connection again the same way.
 */
final class ConnectPages {

  private final PatchbayRuntime runtime;
  private final Connecting connecting;
  private final SignIns signIns;
  private final Cookies cookies;

  ConnectPages(PatchbayRuntime runtime, Connecting connecting, Cookies cookies) {
    this.runtime = runtime;
    this.connecting = connecting;
    this.signIns = connecting.signIns();
    this.cookies = cookies;
  }

  void register(Routes routes, Function<Console.Page, Handler> session) {
    routes.get("/console/connections/new", session.apply(this::form));
    routes.post("/console/connections/new", session.apply(this::connect));
    routes.post("/console/connections/{name}/reauthorize", session.apply(this::reauthorize));
  }

  private void form(Context ctx, ConsoleSessions.Session session) {
    render(ctx, session, 200, null, Map.of());
  }

  private void connect(Context ctx, ConsoleSessions.Session session) throws InterruptedException {
    Optional<ConnectorDefinition> connector = connector(ctx.formParam("connector"));
    Optional<AuthTypeDefinition> authType = connector.flatMap(d -> d.authType(valueOf(ctx.formParam("authType"))));
    if (authType.isEmpty()) {
      render(ctx, session, 400, "Choose a connector and one of its auth types.", Map.of());
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (FieldDefinition field : authType.get().fieldList()) {
      values.put(field.name(), valueOf(ctx.formParam("field." + field.name())).trim());
    }
    String name = valueOf(ctx.formParam("name")).trim();
    try {
      Connecting.Started started = connecting.add(connector.get().id(), authType.get().id(), name, values, true);
      follow(ctx, started);
    } catch (ConnectorException e) {
      Map<String, String> kept = new LinkedHashMap<>();
      kept.put("name", name);
      for (FieldDefinition field : authType.get().fieldList()) {
        if (!field.secret()) {
          kept.put("field." + field.name(), values.get(field.name()));
        }
      }
      render(ctx, session, ApiErrors.status(e.code()), e.code() + ": " + e.getMessage(), kept);
    }
  }

  private void reauthorize(Context ctx, ConsoleSessions.Session session)
      throws ConnectorException, InterruptedException {
    follow(ctx, connecting.reauthorize(ctx.pathParam("name"), true));
  }

  /** To the provider's sign-in page, bound to this browser; or, connected at once, back to the connections. */
  private void follow(Context ctx, Connecting.Started started) {
    if (started.signIn() != null) {
      SignInPages.bindingCookie(cookies, ctx, started.signIn(), signIns.secondsLeft(started.signIn()));
      ctx.redirect(started.signIn().pending().authorizeUrl(), HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect("/console/connections?added=" + URLEncoder.encode(started.connection().name(),
        StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, ConsoleSessions.Session session, int status, String error,
      Map<String, String> kept) {
    Optional<ConnectorDefinition> connector = connector(firstOf(ctx, "connector"));
    StringBuilder body = new StringBuilder();
    if (connector.isEmpty()) {
      if (error != null) {
        body.append("<div class=\"error\" id=\"connect-error\">").append(Html.escape(error)).append("</div>");
      }
      body.append("<p>Choose the connector to connect to:</p><ul>");
      for (CatalogEntry entry : runtime.catalog().connectors()) {
        body.append("<li><a href=\"/console/connections/new?connector=").append(Html.escape(entry.id()))
            .append("\">").append(Html.escape(entry.definition().name())).append("</a></li>");
      }
      ctx.status(status).html(Html.page("Add a connection", session.csrf(), body.append("</ul>").toString()));
      return;
    }
    ConnectorDefinition d = connector.get();
    String redirectUri = connecting.redirectUri(d.id());
    if (error != null) {
      body.append("<div class=\"error\" id=\"connect-error\">")
          .append(Html.escape(RedirectHelp.forServer(error, redirectUri))).append("</div>");
    }
    boolean sandboxed = connecting.sandboxed(d.id());
    if (sandboxed) {
      body.append("<p class=\"hint\" id=\"sandbox-note\">").append(Html.escape(d.name())).append(" is served by ")
          .append("its sandbox here (patchbay serve --sandbox): connections made on this page are to the sandbox, ")
          .append("kept in memory with it, and gone when the server stops")
          .append(connecting.newSandboxUserPerSignIn(d.id()) ? "; each sign-in is a new sandbox user, so it "
              + "never revokes another connection's authorization" : "")
          .append(". Leave the fields empty to connect with the sandbox's own app.</p>");
    }
    Optional<AuthTypeDefinition> chosen = d.authType(valueOf(firstOf(ctx, "authType")));
    body.append("<p>How should Patchbay sign in to ").append(Html.escape(d.name()))
        .append("?</p><ul class=\"auth-types\">");
    for (AuthTypeDefinition type : d.authTypes()) {
      boolean selected = chosen.isPresent() && chosen.get().id().equals(type.id());
      body.append("<li>").append(selected ? "<strong>" : "").append("<a id=\"auth-").append(Html.escape(type.id()))
          .append("\" href=\"/console/connections/new?connector=").append(Html.escape(d.id())).append("&amp;authType=")
          .append(Html.escape(type.id())).append("\">").append(Html.escape(type.displayName())).append("</a>")
          .append(selected ? "</strong>" : "").append(" <span class=\"hint\">")
          .append(Html.escape(RedirectHelp.forServer(type.description(), redirectUri)))
          .append("</span></li>");
    }
    body.append("</ul>");
    if (chosen.isPresent()) {
      AuthTypeDefinition type = chosen.get();
      Console.allowFormTargets(ctx, List.of(connecting.authorizeEndpoint(d.id(), type)));
      body.append("<form method=\"post\" action=\"/console/connections/new\" autocomplete=\"off\">")
          .append(Html.csrfField(session.csrf()))
          .append("<input type=\"hidden\" name=\"connector\" value=\"").append(Html.escape(d.id())).append("\">")
          .append("<input type=\"hidden\" name=\"authType\" value=\"").append(Html.escape(type.id())).append("\">")
          .append("<label for=\"name\">Connection name</label><input id=\"name\" name=\"name\" required ")
          .append("pattern=\"[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}\" value=\"")
          .append(Html.escape(kept.getOrDefault("name", d.id() + "-" + type.id()))).append("\">");
      for (FieldDefinition field : type.fieldList()) {
        String id = "field." + field.name();
        body.append("<label for=\"").append(Html.escape(id)).append("\">").append(Html.escape(field.title()))
            .append(field.required() && !sandboxed ? "" : " <span class=\"hint\">(optional)</span>")
            .append("</label>")
            .append("<input id=\"").append(Html.escape(id)).append("\" name=\"").append(Html.escape(id))
            .append("\" type=\"").append(field.secret() ? "password" : "text").append("\"")
            .append(field.required() && !sandboxed ? " required" : "");
        if (!field.secret()) {
          body.append(" value=\"").append(Html.escape(kept.getOrDefault(id, ""))).append("\"");
        }
        body.append(">");
        if (field.description() != null) {
          body.append("<div class=\"hint\">").append(Html.escape(RedirectHelp.forServer(field.description(),
              redirectUri))).append("</div>");
        }
      }
      if (type.kind() == AuthTypeDefinition.Kind.OAUTH2_AUTHORIZATION_CODE) {
        body.append("<p class=\"hint\" id=\"sign-in-note\">Connect opens ").append(Html.escape(d.name()))
            .append("'s sign-in page; the redirect URL its app must allow is <code id=\"redirect-url\">")
            .append(Html.escape(redirectUri)).append("</code>. ").append(Html.escape(d.name()))
            .append(" keeps one live authorization per user and app: signing in as the user of another connection ")
            .append("of the same app revokes that connection's authorization, and the outcome page says so.</p>");
      }
      body.append("<p><button type=\"submit\" id=\"connect\">Connect</button></p></form>");
    }
    ctx.status(status).html(Html.page("Connect to " + d.name(), session.csrf(), body.toString()));
  }

  private Optional<ConnectorDefinition> connector(String id) {
    return runtime.catalog().connector(valueOf(id)).map(CatalogEntry::definition);
  }

  /** A query parameter on GET, a form field on POST. */
  private static String firstOf(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value != null ? value : ctx.method() == HandlerType.POST ? ctx.formParam(name) : null;
  }

  private static String valueOf(String value) {
    return value == null ? "" : value;
  }

  /** The connections page's "Fix connection" button for a connection that needs reauthorizing. */
  static String fixButton(Connection c, String csrf) {
    return "<form method=\"post\" action=\"/console/connections/" + Html.escape(c.name()) + "/reauthorize\">"
        + Html.csrfField(csrf) + "<button type=\"submit\" class=\"fix\" id=\"fix-" + Html.escape(c.name())
        + "\">Fix connection</button></form>";
  }
}
