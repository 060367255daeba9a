package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The server's {@code /oauth/callback/{connector}} with malformed query strings and cookies (RELIABILITY R27), over
 * HTTP against a sandbox server: every one is refused with a 4xx page (never a 500 or a stack trace), none finishes
 * the sign-in without its state and its browser's binding cookie, and the real answer still finishes it afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCallbackFuzzTest {

  private SandboxServer fixture;
  private final HttpClient http = HttpClient.newHttpClient();
  private int names;

  @BeforeAll
  void start() {
    fixture = SandboxServer.start();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  /** A sign-in begun over the API and opened in a browser: its id, the provider's real answer, the binding cookie. */
  private record Opened(String signIn, String callback, String state, String cookie) {}

  private Opened begin() throws Exception {
    String body = Json.MAPPER.writeValueAsString(Map.of("connector", "zoom", "authType", "oauth", "name",
        "fuzz" + (++names)));
    Api.Answer created = fixture.api.post("/api/connections", body);
    assertEquals(202, created.status(), created.body());
    JsonNode pending = created.json();
    HttpResponse<String> start = send(pending.path("authorizeUrl").asString(), null);
    assertEquals(303, start.statusCode(), start.body());
    String binding = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("patchbay_signin_"))
        .findFirst().orElseThrow();
    HttpResponse<String> provider = send(start.headers().firstValue("Location").orElseThrow(), null);
    assertEquals(302, provider.statusCode(), provider.body());
    String callback = provider.headers().firstValue("Location").orElseThrow();
    return new Opened(pending.path("signIn").asString(), callback, HttpUrl.get(callback).queryParameter("state"),
        binding.substring(0, binding.indexOf(';')));
  }

  private HttpResponse<String> send(String url, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String status(Opened opened) {
    return fixture.api.get("/api/sign-ins/" + opened.signIn()).json().path("status").asString();
  }

  /** The sign-in was left alone: still pending, and its real answer from its browser finishes it. */
  private void assertStillCompletes(Opened opened) throws Exception {
    assertEquals("PENDING", status(opened));
    HttpResponse<String> done = send(opened.callback(), opened.cookie());
    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("Your connection has been added"), done.body());
    assertEquals("CONNECTED", status(opened));
  }

  @Test
  void malformedQueriesAndCookiesAreRefusedAndTheRealAnswerStillCompletes() throws Exception {
    Opened opened = begin();
    CallbackQueries queries = new CallbackQueries(opened.state());
    String cookieName = opened.cookie().substring(0, opened.cookie().indexOf('='));
    for (int i = 0; i < CallbackQueries.cases(600); i++) {
      String query = queries.next();
      String binding = opened.cookie().substring(cookieName.length() + 1);
      String cookie = queries.pick(List.of("", opened.cookie(), cookieName + "=" + queries.nearMiss(),
          cookieName + "=", "patchbay_signin_other=" + binding, "=;;=; " + cookieName, cookieName + "=" + binding
              + "x; " + cookieName + "=x" + binding, cookieName.toUpperCase() + "=" + binding));
      switch (i % 4) {
        // The sign-in's own state and a code, from a browser without its binding cookie.
        case 0 -> query = "state=" + opened.state() + "&code=c" + (query.isEmpty() ? "" : "&" + query);
        // The sign-in's own state and its cookie, with the state repeated: a repeated parameter is never taken.
        case 1 -> {
          query = "state=" + opened.state() + "&code=c&state=" + queries.nearMiss() + "&" + query;
          cookie = opened.cookie();
        }
        default -> { }
      }
      if (i % 4 == 0 && cookie.equals(opened.cookie())) {
        cookie = cookieName + "=" + queries.nearMiss();
      }
      CallbackQueries.Answer answer = CallbackQueries.get(fixture.server.port(), "/oauth/callback/zoom?" + query,
          cookie.isEmpty() ? null : cookie);
      String where = queries.where(i, query) + " with Cookie: " + cookie;
      CallbackQueries.assertRefusedCleanly(answer, where);
      // A refusal page does not prove the sign-in was left alone: one finished with a failure is a 4xx page too.
      assertEquals("PENDING", status(opened), where + " -> " + answer.head() + "\n" + answer.body());
    }
    assertStillCompletes(opened);
  }

  @Test
  void regressionCorpus() throws Exception {
    Opened opened = begin();
    List<String> corpus = CallbackQueries.corpus(opened.state());
    for (int i = 0; i < corpus.size(); i++) {
      for (String cookie : new String[] {null, opened.cookie()}) {
        CallbackQueries.Answer answer = CallbackQueries.get(fixture.server.port(),
            "/oauth/callback/zoom?" + corpus.get(i), cookie);
        String where = "corpus entry " + (i + 1) + ": ?" + corpus.get(i) + " with Cookie: " + cookie;
        CallbackQueries.assertRefusedCleanly(answer, where);
        assertEquals("PENDING", status(opened), where + " -> " + answer.head());
      }
    }
    assertStillCompletes(opened);
  }
}
