package dev.patchbay.server;

import static dev.patchbay.server.Api.cookie;
import static dev.patchbay.server.Api.csrfOf;
import static dev.patchbay.server.Api.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console over real HTTP: sign-in, the session cookie, CSRF, and each page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTest {

  private SandboxServer fixture;
  private Api api;
  private String session;
  private String csrf;

  @BeforeAll
  void start() {
    fixture = SandboxServer.start();
    api = fixture.api;
    Api.Answer loginPage = api.raw("GET", "/console/login", null);
    String nonce = csrfOf(loginPage.body());
    String loginCookie = cookie(loginPage, "patchbay_login");
    Api.Answer login = api.raw("POST", "/console/login", form("csrf", nonce, "token", fixture.token),
        "Content-Type", "application/x-www-form-urlencoded", "Cookie", "patchbay_login=" + loginCookie);
    assertEquals(303, login.status(), login.body());
    assertEquals("/console/connectors", login.header("Location"));
    session = cookie(login, "patchbay_session");
    csrf = csrfOf(page("/console/connectors").body());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      fixture.assertNoSecretIn(api.seen);
    } finally {
      fixture.close();
    }
  }

  /** Issue 16, item 11. */
  @Test
  void theServersAddressLeadsABrowserToTheConsole() {
    Api.Answer root = api.raw("GET", "/", null);

    assertEquals(302, root.status(), root.body());
    assertEquals("/console", root.header("Location"));
  }

  @Test
  void pagesNeedASession() {
    for (String path : List.of("/console/connectors", "/console/connections", "/console/runs",
        "/console/activities/zoom/users.getCurrent")) {
      Api.Answer answer = api.raw("GET", path, null);
      assertEquals(303, answer.status(), path);
      assertEquals("/console/login", answer.header("Location"));
    }
    Api.Answer forged = api.raw("GET", "/console/connectors", null, "Cookie", "patchbay_session=forged");
    assertEquals(303, forged.status());
    Api.Answer bearer = api.raw("GET", "/console/connectors", null, "Authorization", "Bearer " + fixture.token);
    assertEquals(303, bearer.status(), "the console is signed into, not called with the API token");
  }

  @Test
  void signingInNeedsTheTokenAndTheFormsNonce() {
    Api.Answer loginPage = api.raw("GET", "/console/login", null);
    String nonce = csrfOf(loginPage.body());
    String loginCookie = cookie(loginPage, "patchbay_login");
    Api.Answer wrong = api.raw("POST", "/console/login", form("csrf", nonce, "token", "nope"),
        "Content-Type", "application/x-www-form-urlencoded", "Cookie", "patchbay_login=" + loginCookie);
    assertEquals(401, wrong.status());
    assertTrue(wrong.body().contains("not the API token"));
    Api.Answer noNonce = api.raw("POST", "/console/login", form("token", fixture.token),
        "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(403, noNonce.status());
    assertEquals(null, noNonce.header("Location"));
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
    Api.Answer loginPage = api.raw("GET", "/console/login", null);
    Api.Answer login = api.raw("POST", "/console/login", form("csrf", csrfOf(loginPage.body()), "token",
        fixture.token), "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", "patchbay_login=" + cookie(loginPage, "patchbay_login"));
    String setCookie = login.response().headers().allValues("Set-Cookie").stream()
        .filter(value -> value.startsWith("patchbay_session=")).findFirst().orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    assertTrue(setCookie.contains("Path=/"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain http on loopback: a Secure cookie would never come back");
  }

  @Test
  void behindAnHttpsPublicUrlEveryCookieIsSecure() {
    try (SandboxServer behindTls = SandboxServer.start(ServerOptions.defaults().withPort(0)
        .withPublicUrl("https://patchbay.example.test"))) {
      Api.Answer loginPage = behindTls.api.raw("GET", "/console/login", null);
      Api.Answer login = behindTls.api.raw("POST", "/console/login", form("csrf", csrfOf(loginPage.body()), "token",
          behindTls.token), "Content-Type", "application/x-www-form-urlencoded",
          "Cookie", "patchbay_login=" + cookie(loginPage, "patchbay_login"));
      List<String> cookies = new java.util.ArrayList<>(loginPage.response().headers().allValues("Set-Cookie"));
      cookies.addAll(login.response().headers().allValues("Set-Cookie"));

      assertEquals(3, cookies.size(), cookies::toString);
      cookies.forEach(cookie -> assertTrue(cookie.endsWith("; Secure"), cookie));
    }
  }

  @Test
  void connectorsCanBeSearched() {
    Api.Answer all = page("/console/connectors");
    assertEquals(200, all.status());
    assertTrue(all.body().contains("href=\"/console/connectors/zoom\""));
    assertTrue(all.header("Content-Security-Policy").contains("default-src 'none'"));
    assertTrue(page("/console/connectors?q=ZOO").body().contains("href=\"/console/connectors/zoom\""));
    Api.Answer none = page("/console/connectors?q=%3Cscript%3E");
    assertFalse(none.body().contains("href=\"/console/connectors/zoom\""));
    assertTrue(none.body().contains("No connector matches '&lt;script&gt;'"), none.body());
  }

  @Test
  void theConnectorPageShowsAuthTypesScopesAndOperations() {
    Api.Answer answer = page("/console/connectors/zoom");
    assertEquals(200, answer.status());
    assertTrue(answer.body().contains("server-to-server"));
    assertTrue(answer.body().contains("<code>meeting:write</code>"));
    assertTrue(answer.body().contains("href=\"/console/activities/zoom/meetings.create\""));
    assertEquals(404, page("/console/connectors/nope").status());
  }

  @Test
  void thePluginsPageListsEveryArchiveWithItsStatus() {
    Api.Answer answer = page("/console/plugins");
    assertEquals(200, answer.status());
    assertTrue(answer.body().contains("<td class=\"status-ACTIVE\">ACTIVE</td>"), answer.body());
    assertTrue(answer.body().contains("href=\"/console/connectors/zoom\""));
    assertTrue(answer.body().contains("href=\"/console/plugins\">Plugins</a>"), "the page is in the navigation");
    assertTrue(answer.body().contains("<p id=\"admission\">Admission: no admission policy ("), answer.body());
  }

  @Test
  void theConnectionsPageShowsStatusAndScopes() {
    Api.Answer answer = page("/console/connections");
    assertEquals(200, answer.status());
    assertTrue(answer.body().contains(fixture.sandboxConnection()));
    assertTrue(answer.body().contains("status-ACTIVE"));
    assertTrue(answer.body().contains("meeting:write"));
  }

  @Test
  void aConnectionIsTestedAndRemovedFromItsPage() throws Exception {
    Api.Answer tested = submit("/console/connections/" + fixture.sandboxConnection() + "/test",
        form("csrf", csrf));
    assertEquals(200, tested.status(), tested.body());
    assertTrue(tested.body().contains("<p class=\"ok\" id=\"tested\">Connection <strong>"
        + fixture.sandboxConnection() + "</strong> works: it acts as ada@sandbox.patchbay.dev.</p>"), tested.body());
    assertEquals(404, submit("/console/connections/nobody/test", form("csrf", csrf)).status());

    java.util.Map<String, String> s2s = dev.patchbay.engine.sandbox.SandboxSession.fieldsOf(
        fixture.sandbox().running(), "server-to-server");
    assertEquals(201, api.post("/api/connections", dev.patchbay.engine.json.Json.MAPPER.writeValueAsString(
        java.util.Map.of("connector", "zoom", "authType", "server-to-server", "name", "to-remove", "fields", s2s)))
        .status());
    Api.Answer confirm = page("/console/connections/to-remove/remove");
    assertEquals(200, confirm.status());
    assertTrue(confirm.body().contains("id=\"confirm-remove\""), confirm.body());
    assertEquals(403, submit("/console/connections/to-remove/remove", form("csrf", "forged")).status());

    Api.Answer removed = submit("/console/connections/to-remove/remove", form("csrf", csrf));

    assertEquals(303, removed.status());
    Api.Answer listed = page(removed.header("Location"));
    assertTrue(listed.body().contains("id=\"removed\">Connection <strong>to-remove</strong> was removed: "),
        listed.body());
    assertEquals(404, api.get("/api/connections/to-remove").status());
  }

  @Test
  void runsAnActivityFromTheGeneratedForm() {
    Api.Answer formPage = page("/console/activities/zoom/meetings.create");
    assertEquals(200, formPage.status());
    assertTrue(formPage.body().contains("name=\"in.topic\""));
    assertTrue(formPage.body().contains("<option>" + fixture.sandboxConnection() + "</option>"));

    Api.Answer posted = submit("/console/activities/zoom/meetings.create", form("csrf", csrf, "connection",
        fixture.sandboxConnection(), "in.topic", "<b>Retro</b>", "in.type", "2", "in.duration", "20"));
    assertEquals(303, posted.status(), posted.body());
    int created = fixture.sandboxRequests("/v2/users/me/meetings");
    assertTrue(created > 0, "the sandbox saw the create");
    Api.Answer ran = page(posted.header("Location"));
    assertEquals(200, ran.status(), ran.body());
    assertEquals(ran.body(), page(posted.header("Location")).body(), "a reload shows the same outcome");
    assertEquals(created, fixture.sandboxRequests("/v2/users/me/meetings"), "and does not run it again");
    assertTrue(ran.body().contains("class=\"ok\""), ran.body());
    assertTrue(ran.body().contains("&lt;b&gt;Retro&lt;/b&gt;"), "the output is escaped");
    assertFalse(ran.body().contains("<b>Retro</b>"));

    Api.Answer invalid = page(submit("/console/activities/zoom/meetings.create", form("csrf", csrf, "connection",
        fixture.sandboxConnection(), "in.duration", "soon")).header("Location"));
    assertTrue(invalid.body().contains("INVALID_INPUT") && invalid.body().contains("duration"), invalid.body());
    // Issue 16, item 12: duration=abc&type=7 shows both, not the parse problem alone.
    Api.Answer both = page(submit("/console/activities/zoom/meetings.create", form("csrf", csrf, "connection",
        fixture.sandboxConnection(), "in.topic", "Both", "in.duration", "abc", "in.type", "7")).header("Location"));
    assertTrue(both.body().contains("INVALID_INPUT</strong>: 2 fields need fixing"), both.body());
    assertTrue(both.body().contains("<li>duration: &#39;abc&#39; is not a whole number</li>"), both.body());
    assertTrue(both.body().matches("(?s).*<li>type: [^<]*enum[^<]*</li>.*"), both.body());
    Api.Answer rejected = page(submit("/console/activities/zoom/meetings.get", form("csrf", csrf, "connection",
        fixture.sandboxConnection())).header("Location"));
    assertTrue(rejected.body().contains("INVALID_INPUT"), "the schema's own check, with every violation");
  }

  @Test
  void formsWithoutTheSessionsCsrfTokenAreRefused() {
    Api.Answer missing = submit("/console/activities/zoom/users.getCurrent", form("connection",
        fixture.sandboxConnection()));
    assertEquals(403, missing.status());
    Api.Answer wrong = submit("/console/activities/zoom/users.getCurrent", form("csrf", "x" + csrf,
        "connection", fixture.sandboxConnection()));
    assertEquals(403, wrong.status());
    assertFalse(wrong.body().contains("class=\"ok\""));
  }

  @Test
  void showsRunsAndEachStep() {
    Api.Answer started = api.post("/api/runs", "{\"workflow\":{\"name\":\"who am i\",\"steps\":[{\"id\":\"me\","
        + "\"activity\":\"zoom/users.getCurrent\",\"input\":{}}]}}");
    String id = started.json().path("id").asString();
    Api.Answer list = page("/console/runs");
    assertTrue(list.body().contains("href=\"/console/runs/" + id + "\""), list.body());
    Api.Answer run = page("/console/runs/" + id);
    assertEquals(200, run.status());
    assertTrue(run.body().contains("zoom/users.getCurrent"));
    assertTrue(run.body().contains("status-SUCCEEDED"));
    assertTrue(run.body().contains("ada@sandbox.patchbay.dev"), "the step's output");
    assertEquals(404, page("/console/runs/nope").status());
  }

  @Test
  void aFailedStepShowsWhatFailedAsTheCliNamesIt() {
    Api.Answer started = api.post("/api/runs", "{\"workflow\":{\"name\":\"missing\",\"steps\":[{\"id\":\"read\","
        + "\"activity\":\"zoom/meetings.get\",\"input\":{\"meetingId\":12345678901}}]}}");

    Api.Answer run = page("/console/runs/" + started.json().path("id").asString());

    assertTrue(run.body().contains("<div class=\"error\" id=\"run-error\"><strong>NOT_FOUND</strong>: "), run.body());
    assertTrue(run.body().contains("<div class=\"error\"><strong>NOT_FOUND</strong>: "), run.body());
  }

  @Test
  void signingOutEndsTheSession() {
    Api.Answer loginPage = api.raw("GET", "/console/login", null);
    Api.Answer login = api.raw("POST", "/console/login", form("csrf", csrfOf(loginPage.body()), "token",
        fixture.token), "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", "patchbay_login=" + cookie(loginPage, "patchbay_login"));
    String other = cookie(login, "patchbay_session");
    String otherCsrf = csrfOf(api.raw("GET", "/console/runs", null, "Cookie", "patchbay_session=" + other).body());
    Api.Answer out = api.raw("POST", "/console/logout", form("csrf", otherCsrf), "Content-Type",
        "application/x-www-form-urlencoded", "Cookie", "patchbay_session=" + other);
    assertEquals(303, out.status());
    assertEquals(303, api.raw("GET", "/console/runs", null, "Cookie", "patchbay_session=" + other).status());
  }

  private Api.Answer page(String path) {
    return api.raw("GET", path, null, "Cookie", "patchbay_session=" + session);
  }

  private Api.Answer submit(String path, String body) {
    return api.raw("POST", path, body, "Content-Type", "application/x-www-form-urlencoded",
        "Cookie", "patchbay_session=" + session);
  }
}
