package dev.patchbay.server.console;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.signin.SignIn;
import dev.patchbay.server.signin.SignIns;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The browser's side of a sign-in: {@code /oauth/start/{id}} binds an API-begun sign-in to the browser that opens
 * it and sends it to the provider; {@code /oauth/callback/{connector}} takes the provider's answer, only from the
 * browser the sign-in is bound to, once, and shows the outcome. Neither needs a console session: the provider's
 * redirect back is a cross-site navigation, on which the console's SameSite=Strict cookie is not sent.
 */
final class SignInPages {

  private final PatchbayRuntime runtime;
  private final SignIns signIns;
  private final Cookies cookies;

  SignInPages(PatchbayRuntime runtime, SignIns signIns, Cookies cookies) {
    this.runtime = runtime;
    this.signIns = signIns;
    this.cookies = cookies;
  }

  void register(Routes routes) {
    routes.get("/oauth/start/{id}", this::start);
    routes.get("/oauth/callback/{connector}", this::callback);
  }

  /** The binding cookie: sent back only to the callback path, and on the provider's top-level redirect (Lax). */
  static void bindingCookie(Cookies cookies, Context ctx, SignIn signIn, long maxAgeSeconds) {
    cookies.set(ctx, signIn.cookieName(), maxAgeSeconds > 0 ? signIn.binding() : "", "/oauth/callback/",
        maxAgeSeconds, "Lax");
  }

  private void start(Context ctx) {
    Console.securityHeaders(ctx);
    Optional<SignIn> found = signIns.find(ctx.pathParam("id"));
    if (found.isEmpty() || signIns.expired(found.get())) {
      problem(ctx, 404, "Sign-in not found", "This sign-in link is unknown or has expired. Start connecting again.");
      return;
    }
    SignIn signIn = found.get();
    if (signIn.status() != SignIn.Status.PENDING || !signIn.bind()) {
      problem(ctx, 409, "Sign-in link used", "This sign-in link was opened before, and works only once. Start "
          + "connecting again.");
      return;
    }
    bindingCookie(cookies, ctx, signIn, signIns.secondsLeft(signIn));
    ctx.redirect(signIn.pending().authorizeUrl(), HttpStatus.SEE_OTHER);
  }

  private void callback(Context ctx) throws ConnectorException {
    Console.securityHeaders(ctx);
    if (!wellFormed(ctx.queryString())) {
      problem(ctx, 400, "Sign-in rejected", "The provider's answer is not a well-formed query string.");
      return;
    }
    Map<String, List<String>> query = ctx.queryParamMap();
    if (query.values().stream().anyMatch(values -> values.size() > 1)) {
      problem(ctx, 400, "Sign-in rejected", "The provider's answer repeats a parameter.");
      return;
    }
    String state = ctx.queryParam("state");
    Optional<SignIn> found = signIns.pendingFor(state);
    if (found.isEmpty()) {
      problem(ctx, 400, "Sign-in rejected", "This answer belongs to no sign-in in progress: it expired, was "
          + "finished already, or was never started here. Start connecting again.");
      return;
    }
    SignIn signIn = found.get();
    if (!signIn.pending().connectorId().equals(ctx.pathParam("connector"))) {
      problem(ctx, 400, "Sign-in rejected", "This answer came back for another connector than the sign-in's.");
      return;
    }
    if (!signIn.boundTo(ctx.cookie(signIn.cookieName()))) {
      problem(ctx, 403, "Sign-in rejected", "This sign-in was started in another browser. Finish it in the browser "
          + "that started it, or start connecting again here.");
      return;
    }
    String code = ctx.queryParam("code");
    String error = ctx.queryParam("error");
    if (code == null && error == null) {
      problem(ctx, 400, "Sign-in rejected", "The provider's answer has neither a code nor an error.");
      return;
    }
    if (!signIns.claim(signIn)) {
      problem(ctx, 409, "Sign-in finished", "This sign-in was finished already.");
      return;
    }
    bindingCookie(cookies, ctx, signIn, 0);
    if (error != null) {
      signIns.refuse(signIn, runtime.connections(), error, ctx.queryParam("error_description"));
    } else {
      signIns.complete(signIn, runtime.connections(), code);
    }
    outcome(ctx, signIn);
  }

  /**
   * Whether every parameter of the query is valid percent-encoding. Javalin leaves out of its parameter map a
   * parameter it cannot decode, which hid a repeated {@code state} ({@code state=S&code=c&state=S%}) from the
   * repeated-parameter check, and the sign-in was finished (ServerCallbackFuzzTest).
   */
  private static boolean wellFormed(String rawQuery) {
    if (rawQuery == null) {
      return true;
    }
    try {
      // Decoding leaves '&' and '=' as they are: the whole query decodes exactly when each name and value does.
      URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void outcome(Context ctx, SignIn signIn) {
    if (signIn.status() == SignIn.Status.CONNECTED) {
      Connection c = signIn.connection();
      String title = signIn.pending().reauthorization() ? "Your connection works again"
          : "Your connection has been added";
      ctx.html(Html.page(title, null, "<p class=\"ok\">Connection <strong id=\"connection-name\">"
          + Html.escape(c.name()) + "</strong> (" + Html.escape(c.connectorId()) + ", " + Html.escape(c.authTypeId())
          + ") is " + c.status().name() + (c.identity() == null ? "" : " and acts as "
              + Html.escape(c.identity().inWords()))
          + ".</p><p>Granted scopes: <code>" + Html.escape(String.join(" ", new TreeSet<>(c.grantedScopes())))
          + "</code></p>" + superseded(signIn) + CONTINUE));
      return;
    }
    ConnectorException e = signIn.error();
    problem(ctx, ApiErrors.status(e.code()), "Could not connect", e.code() + ": " + e.getMessage());
  }

  /** What the provider revoked when this sign-in was granted: another connection of the same user and app. */
  private static String superseded(SignIn signIn) {
    if (signIn.superseded().isEmpty()) {
      return "";
    }
    String names = String.join("', '", signIn.superseded());
    return "<div class=\"warning\" id=\"superseded\">You signed in as the same user with the same app as connection '"
        + Html.escape(names) + "', so " + Html.escape(signIn.connection().connectorId()) + " revoked that "
        + "connection's authorization (it keeps one live authorization per user and app): '" + Html.escape(names)
        + "' now needs reconnecting, as another user, or removing.</div>";
  }

  private static final String CONTINUE = "<p><a href=\"/console/connections\">Go to your connections</a> "
      + "(or close this tab if a program started the sign-in).</p>";

  private static void problem(Context ctx, int status, String title, String message) {
    ctx.status(status).html(Html.page(title, null, "<p class=\"error\">" + Html.escape(message) + "</p>"
        + CONTINUE));
  }
}
