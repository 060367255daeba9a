package dev.patchbay.server;

import static dev.patchbay.server.Api.cookie;
import static dev.patchbay.server.Api.csrfOf;
import static dev.patchbay.server.Api.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Connecting over HTTP against the Zoom sandbox: the API's create, start link, callback and polling; the console's
 * connect form; the binding of a sign-in to its browser; every malformed request and callback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {

  private static final String GRACE = "pbxGraceHopper00000002";

  private SandboxServer fixture;
  private Api api;
  private final HttpClient noRedirects = HttpClient.newHttpClient();
  private int names;

  @BeforeAll
  void start() {
    fixture = SandboxServer.start();
    api = fixture.api;
  }

  @AfterEach
  void resetSandbox() {
    fixture.control("{\"adminPreApprovalRequired\": false, \"signedInUser\": \"" + GRACE + "\"}");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      fixture.assertNoSecretIn(api.seen);
    } finally {
      fixture.close();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + fixture.server.port();
  }

  private String fresh() {
    return "conn" + (++names);
  }

  private Map<String, String> fields(String authType) throws Exception {
    return SandboxSession.fieldsOf(fixture.sandbox().running(), authType);
  }

  private String createBody(String name, String authType) throws Exception {
    Map<String, String> given = fields(authType);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("connector", "zoom");
    body.put("authType", authType);
    body.put("name", name);
    if (!authType.equals("oauth")) {
      body.put("fields", given);
    }
    return Json.MAPPER.writeValueAsString(body);
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = noRedirects.send(request.build(), HttpResponse.BodyHandlers.ofString());
    api.seen.add(response.headers().map() + "\n" + response.body());
    return response;
  }

  /** Follows the provider's sign-in page (auto-approving) to the callback URL it redirects to. */
  private String providerAnswer(String authorizeUrl) throws Exception {
    HttpResponse<String> provider = get(authorizeUrl);
    assertEquals(302, provider.statusCode(), provider.body());
    return provider.headers().firstValue("Location").orElseThrow();
  }

  private static String setCookie(HttpResponse<String> response, String prefix) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " cookie in " + response.headers().map()));
  }

  /** A sign-in begun over the API and opened in a browser: the callback URL and the browser's binding cookie. */
  private record Opened(String signIn, String callback, String cookie) {}

  private Opened beginOverApi(String name) throws Exception {
    Api.Answer created = api.post("/api/connections", createBody(name, "oauth"));
    assertEquals(202, created.status(), created.body());
    JsonNode body = created.json();
    String signIn = body.path("signIn").asString();
    HttpResponse<String> start = get(body.path("authorizeUrl").asString());
    assertEquals(303, start.statusCode(), start.body());
    String binding = setCookie(start, "patchbay_signin_");
    return new Opened(signIn, providerAnswer(start.headers().firstValue("Location").orElseThrow()),
        binding.substring(0, binding.indexOf(';')));
  }

  /** Opens a 202 answer's start link, signs in at the provider, and brings its answer back in the same browser. */
  private HttpResponse<String> finishInBrowser(Api.Answer begun) throws Exception {
    assertEquals(202, begun.status(), begun.body());
    HttpResponse<String> start = get(begun.json().path("authorizeUrl").asString());
    String cookie = setCookie(start, "patchbay_signin_");
    return get(providerAnswer(start.headers().firstValue("Location").orElseThrow()), "Cookie",
        cookie.substring(0, cookie.indexOf(';')));
  }

  @Test
  void anApiSignInIsFinishedInTheBrowserThatOpenedItsLinkAndCanBePolled() throws Exception {
    String name = fresh();
    Api.Answer created = api.post("/api/connections", createBody(name, "oauth"));

    assertEquals(202, created.status(), created.body());
    JsonNode pending = created.json();
    assertEquals("PENDING", pending.path("status").asString());
    assertEquals(name, pending.path("connection").asString());
    assertEquals(base() + "/oauth/callback/zoom", pending.path("redirectUri").asString());
    String startUrl = pending.path("authorizeUrl").asString();
    assertEquals(base() + "/oauth/start/" + pending.path("signIn").asString(), startUrl);

    HttpResponse<String> start = get(startUrl);
    assertEquals(303, start.statusCode());
    HttpUrl authorize = HttpUrl.get(start.headers().firstValue("Location").orElseThrow());
    assertEquals(fixture.sandbox().running().authorizeUrl(), authorize.newBuilder().query(null).build().toString());
    assertEquals(base() + "/oauth/callback/zoom", authorize.queryParameter("redirect_uri"));
    assertEquals("S256", authorize.queryParameter("code_challenge_method"));
    String binding = setCookie(start, "patchbay_signin_");
    assertTrue(binding.contains("Path=/oauth/callback/; ") && binding.contains("HttpOnly")
        && binding.endsWith("SameSite=Lax"), binding);
    assertEquals(409, get(startUrl).statusCode(), "a start link works once");

    String callback = providerAnswer(authorize.toString());
    assertTrue(callback.startsWith(base() + "/oauth/callback/zoom?"), callback);
    HttpResponse<String> done = get(callback, "Cookie", binding.substring(0, binding.indexOf(';')));

    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("Your connection has been added"), done.body());
    assertTrue(done.body().contains("grace@sandbox.patchbay.dev"), done.body());
    assertTrue(setCookie(done, "patchbay_signin_").contains("Max-Age=0"), "the binding cookie is cleared");
    JsonNode polled = api.get("/api/sign-ins/" + pending.path("signIn").asString()).json();
    assertEquals("CONNECTED", polled.path("status").asString());
    assertEquals("ACTIVE", polled.path("result").path("status").asString());
    assertEquals(GRACE, polled.path("result").path("identity").path("userId").asString());
    assertFalse(polled.has("authorizeUrl"));
    assertEquals("ACTIVE", api.get("/api/connections/" + name).json().path("status").asString());

    assertEquals(400, get(callback, "Cookie", binding.substring(0, binding.indexOf(';'))).statusCode(),
        "a replayed answer finds no sign-in");
  }

  @Test
  void aCallbackFromAnotherBrowserIsRefusedAndDoesNotSpoilTheSignIn() throws Exception {
    Opened opened = beginOverApi(fresh());

    HttpResponse<String> stranger = get(opened.callback());
    HttpResponse<String> wrongCookie = get(opened.callback(), "Cookie",
        opened.cookie().substring(0, opened.cookie().indexOf('=') + 1) + "forged");

    assertEquals(403, stranger.statusCode());
    assertTrue(stranger.body().contains("started in another browser"), stranger.body());
    assertEquals(403, wrongCookie.statusCode());
    assertEquals("PENDING", api.get("/api/sign-ins/" + opened.signIn()).json().path("status").asString());
    assertEquals(200, get(opened.callback(), "Cookie", opened.cookie()).statusCode());
  }

  @Test
  void aPreApprovalRefusalIsExplainedOnThePageAndWhenPolled() throws Exception {
    fixture.control("{\"adminPreApprovalRequired\": true}");
    String name = fresh();
    Opened opened = beginOverApi(name);

    HttpResponse<String> page = get(opened.callback(), "Cookie", opened.cookie());

    assertEquals(403, page.statusCode());
    assertTrue(page.body().contains("PERMISSION_DENIED"), page.body());
    assertTrue(page.body().contains("pre-approve"), page.body());
    JsonNode polled = api.get("/api/sign-ins/" + opened.signIn()).json();
    assertEquals("FAILED", polled.path("status").asString());
    assertEquals("PERMISSION_DENIED", polled.path("error").path("code").asString());
    assertTrue(polled.path("error").path("message").asString().contains("pre-approve"), polled.toString());
    assertEquals(404, api.get("/api/connections/" + name).status());
  }

  @Test
  void serverToServerConnectsAtOnceAndItsSecretIsNeverAnswered() throws Exception {
    String name = fresh();
    Api.Answer created = api.post("/api/connections", createBody(name, "server-to-server"));

    assertEquals(201, created.status(), created.body());
    assertEquals("ACTIVE", created.json().path("status").asString());
    assertEquals("server-to-server", created.json().path("authType").asString());
    assertFalse(created.json().path("fields").has("clientSecret"));

    Api.Answer again = api.post("/api/connections/" + name + "/reauthorize", "");
    assertEquals(200, again.status(), again.body());
    assertEquals("ACTIVE", again.json().path("status").asString());
  }

  @Test
  void bringYourOwnAppAndReauthorizationGoThroughASignIn() throws Exception {
    String name = fresh();
    HttpResponse<String> done = finishInBrowser(api.post("/api/connections", createBody(name, "byo-oauth")));
    assertEquals(200, done.statusCode(), done.body());
    assertEquals(fields("byo-oauth").get("clientId"),
        api.get("/api/connections/" + name).json().path("fields").path("clientId").asString());

    HttpResponse<String> fixed = finishInBrowser(api.post("/api/connections/" + name + "/reauthorize", ""));

    assertEquals(200, fixed.statusCode(), fixed.body());
    assertTrue(fixed.body().contains("Your connection works again"), fixed.body());
  }

  @Test
  void aSupersededConnectionIsFixedByAuthorizingItAgain() throws Exception {
    // Signed in as the sandbox connection's user, rather than a new sandbox user per sign-in.
    fixture.control("{\"signedInUser\": \"pbxAdaLovelace00000001\"}");
    String name = fresh();
    Opened opened = beginOverApi(name);
    HttpResponse<String> page = get(opened.callback(), "Cookie", opened.cookie());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("so zoom revoked that connection's authorization"), page.body());
    JsonNode polled = api.get("/api/sign-ins/" + opened.signIn()).json();
    assertEquals("[\"" + fixture.sandboxConnection() + "\"]", polled.path("superseded").toString());
    assertTrue(polled.path("outcome").asString().contains("revoked the authorization of '"
        + fixture.sandboxConnection() + "'"), polled.toString());
    JsonNode superseded = api.get("/api/connections/" + fixture.sandboxConnection()).json();
    assertEquals("NEEDS_REAUTH", superseded.path("status").asString());
    assertEquals("superseded: connection '" + name + "' authorized the same Zoom user and app, which revoked this one",
        superseded.path("statusReason").asString());

    HttpResponse<String> fixed = finishInBrowser(api.post("/api/connections/" + fixture.sandboxConnection()
        + "/reauthorize", ""));

    assertEquals(200, fixed.statusCode(), fixed.body());
    assertEquals("ACTIVE", api.get("/api/connections/" + fixture.sandboxConnection()).json().path("status")
        .asString());
    assertEquals("NEEDS_REAUTH", api.get("/api/connections/" + name).json().path("status").asString());
    Api.Answer works = api.post("/api/activities/zoom/users.getCurrent", "{}");
    assertEquals(200, works.status(), works.body());
  }

  @Test
  void malformedCreateRequestsAreRefusedWithTheRuleTheyBroke() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("{\"connector\":\"zoom\",\"authType\":\"oauth\"}", "'name' is required: your name for the connection");
    cases.put("{\"connector\":\"zoom\",\"authType\":\"oauth\",\"name\":\"x\",\"extra\":1}",
        "unknown member 'extra'; a connection is created with [authType, connector, fields, name]");
    cases.put("{\"connector\":\"zoom\",\"authType\":\"oauth\",\"name\":\"x\",\"fields\":{\"clientId\":5}}",
        "field 'clientId' must be a string");
    cases.put("{\"connector\":\"zoom\",\"authType\":\"oauth\",\"name\":\"x\",\"fields\":{\"colour\":\"red\"}}",
        "auth type oauth has no field 'colour' (it takes none)");
    cases.put("{\"connector\":\"nope\",\"authType\":\"oauth\",\"name\":\"x\"}", "no connector 'nope' in the catalog");
    cases.put("{\"connector\":\"zoom\",\"authType\":\"saml\",\"name\":\"x\"}",
        "connector zoom has no auth type 'saml'; it has [oauth, byo-oauth, server-to-server]");
    cases.put("{\"connector\":\"zoom\",\"authType\":\"byo-oauth\",\"name\":\"x\",\"fields\":{\"clientId\":\"abc\"}}",
        null);
    cases.put("{\"connector\":\"zoom\",\"authType\":\"oauth\",\"name\":\"no spaces\"}", null);
    cases.forEach((body, message) -> {
      Api.Answer answer = api.post("/api/connections", body);
      assertEquals(400, answer.status(), body + " -> " + answer.body());
      assertEquals("INVALID_INPUT", answer.code(), body);
      if (message != null) {
        assertEquals(message, answer.json().path("message").asString(), body);
      }
    });
    assertEquals(400, api.post("/api/connections", "{\"connector\":").status());
    assertEquals(401, api.raw("POST", "/api/connections", "{}").status());
    assertEquals(404, api.get("/api/sign-ins/unknown").status());
    assertEquals(404, api.post("/api/connections/nobody/reauthorize", "").status());
  }

  @Test
  void malformedCallbacksAreRefusedWithoutTouchingAnySignIn() throws Exception {
    Opened opened = beginOverApi(fresh());
    HttpUrl callback = HttpUrl.get(opened.callback());
    String state = callback.queryParameter("state");

    assertEquals(400, get(callback.newBuilder().addQueryParameter("state", state).build().toString(), "Cookie",
        opened.cookie()).statusCode(), "a repeated parameter");
    assertEquals(400, get(base() + "/oauth/callback/zoom?code=abc", "Cookie", opened.cookie()).statusCode(),
        "no state");
    assertEquals(400, get(base() + "/oauth/callback/zoom?state=" + state, "Cookie", opened.cookie()).statusCode(),
        "neither code nor error");
    assertEquals(400, get(callback.newBuilder().encodedPath("/oauth/callback/other").build().toString(), "Cookie",
        opened.cookie()).statusCode(), "another connector's callback");
    assertEquals(404, get(base() + "/oauth/start/nothing").statusCode());

    assertEquals(200, get(opened.callback(), "Cookie", opened.cookie()).statusCode(), "the real answer still works");
  }

  @Test
  void theConsoleConnectsThroughTheProvidersPageBoundToItsSession() throws Exception {
    Api.Answer loginPage = api.raw("GET", "/console/login", null);
    Api.Answer login = api.raw("POST", "/console/login", form("csrf", csrfOf(loginPage.body()), "token",
        fixture.token), "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", "patchbay_login=" + cookie(loginPage, "patchbay_login"));
    String session = "patchbay_session=" + cookie(login, "patchbay_session");
    Api.Answer formPage = api.raw("GET", "/console/connections/new?connector=zoom&authType=byo-oauth", null,
        "Cookie", session);
    assertEquals(200, formPage.status());
    assertTrue(formPage.body().contains("type=\"password\""), "the client secret is masked");
    String sandboxOrigin = HttpUrl.get(fixture.sandbox().running().authorizeUrl()).newBuilder().encodedPath("/")
        .build().toString().replaceAll("/$", "");
    assertTrue(formPage.header("Content-Security-Policy").contains("form-action 'self' " + sandboxOrigin),
        formPage.header("Content-Security-Policy"));

    String name = fresh();
    Map<String, String> byo = fields("byo-oauth");
    Api.Answer submitted = api.raw("POST", "/console/connections/new", form("csrf", csrfOf(formPage.body()),
        "connector", "zoom", "authType", "byo-oauth", "name", name, "field.clientId", byo.get("clientId"),
        "field.clientSecret", byo.get("clientSecret")), "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", session);

    assertEquals(303, submitted.status(), submitted.body());
    String binding = cookie(submitted, submitted.response().headers().allValues("Set-Cookie").get(0)
        .substring(0, submitted.response().headers().allValues("Set-Cookie").get(0).indexOf('=')));
    String bindingName = submitted.response().headers().allValues("Set-Cookie").get(0).split("=")[0];
    assertTrue(bindingName.startsWith("patchbay_signin_"), bindingName);
    HttpResponse<String> done = get(providerAnswer(submitted.header("Location")), "Cookie",
        bindingName + "=" + binding);
    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("Your connection has been added"));
    Api.Answer listed = api.raw("GET", "/console/connections", null, "Cookie", session);
    assertTrue(listed.body().contains("id=\"connection-" + name + "\""), listed.body());

    Api.Answer wrongSecret = api.raw("POST", "/console/connections/new", form("csrf", csrfOf(formPage.body()),
        "connector", "zoom", "authType", "server-to-server", "name", fresh(), "field.accountId",
        fields("server-to-server").get("accountId"), "field.clientId", fields("server-to-server").get("clientId"),
        "field.clientSecret", "not-the-secret"), "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", session);
    // Issue 16, item 18: the app's credentials are configuration to fix, not a connection to reconnect (409).
    assertEquals(400, wrongSecret.status(), wrongSecret.body());
    assertTrue(wrongSecret.body().contains("id=\"connect-error\"") && wrongSecret.body().contains("invalid_client")
        && wrongSecret.body().contains("Check the Client ID and Client Secret")
        && wrongSecret.body().contains("Fix the Client ID and Client Secret given for connection"),
        wrongSecret.body());
    assertFalse(wrongSecret.body().contains("not-the-secret"), "a secret is never sent back");
  }
}
