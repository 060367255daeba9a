package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.REDIRECT_URI;
import static dev.patchbay.zoom.sandbox.SandboxFixture.RFC_CHALLENGE;
import static dev.patchbay.zoom.sandbox.SandboxFixture.RFC_VERIFIER;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static dev.patchbay.zoom.sandbox.SandboxFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /oauth/authorize and the authorization_code grant, with PKCE, over loopback HTTP. */
class OAuthFlowTest {

  private SandboxFixture zoom;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  @Test
  void rfc7636AppendixBVectorIsAccepted() {
    assertEquals(RFC_CHALLENGE, Pkce.s256(RFC_VERIFIER));

    JsonNode tokens = zoom.authorize(SandboxApp.OPERATOR);

    assertEquals("bearer", tokens.path("token_type").asString());
    assertEquals(3599, tokens.path("expires_in").asInt());
    assertEquals("meeting:read meeting:write recording:read recording:write user:read user_info:read",
        tokens.path("scope").asString());
    assertEquals(zoom.sandbox.origin(), tokens.path("api_url").asString());
    assertFalse(tokens.path("access_token").asString().isEmpty());
    assertFalse(tokens.path("refresh_token").asString().isEmpty());
    HttpResponse<String> me = zoom.get("/v2/users/me", tokens.path("access_token").asString());
    assertEquals(200, me.statusCode(), me::body);
    assertEquals(SandboxFixture.ADA_ID, json(me).path("id").asString());
  }

  @Test
  void tokenResponsesAreNotCached() {
    HttpResponse<String> response = zoom.exchange(SandboxApp.OPERATOR, zoom.code(SandboxApp.OPERATOR), RFC_VERIFIER);

    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  @Test
  void aWrongVerifierIsRefused() {
    HttpResponse<String> response = zoom.exchange(SandboxApp.OPERATOR, zoom.code(SandboxApp.OPERATOR),
        "wrong-verifier-wrong-verifier-wrong-verifier-0123");

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", json(response).path("error").asString());
  }

  @Test
  void aMissingVerifierIsRefusedWhenAChallengeWasSent() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", zoom.code(SandboxApp.OPERATOR));
    form.put("redirect_uri", REDIRECT_URI);
    HttpResponse<String> response = zoom.postForm("/oauth/token", SandboxApp.OPERATOR.clientId(),
        SandboxApp.OPERATOR.clientSecret(), form);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", json(response).path("error").asString());
  }

  @Test
  void aCodeWorksOnce() {
    String code = zoom.code(SandboxApp.OPERATOR);
    assertEquals(200, zoom.exchange(SandboxApp.OPERATOR, code, RFC_VERIFIER).statusCode());

    HttpResponse<String> again = zoom.exchange(SandboxApp.OPERATOR, code, RFC_VERIFIER);

    assertEquals(400, again.statusCode());
    assertEquals("{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}", again.body());
  }

  @Test
  void aCodeExpiresAfterFiveMinutes() {
    String fresh = zoom.code(SandboxApp.OPERATOR);
    String stale = zoom.code(SandboxApp.OPERATOR);
    zoom.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertEquals(200, zoom.exchange(SandboxApp.OPERATOR, fresh, RFC_VERIFIER).statusCode());
    zoom.clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> response = zoom.exchange(SandboxApp.OPERATOR, stale, RFC_VERIFIER);

    assertEquals(400, response.statusCode());
    assertEquals("Invalid authorization code", json(response).path("reason").asString());
  }

  @Test
  void theRedirectUriMustBeTheAuthorizeOne() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", zoom.code(SandboxApp.OPERATOR));
    form.put("redirect_uri", "http://127.0.0.1:53682/other");
    form.put("code_verifier", RFC_VERIFIER);
    HttpResponse<String> response = zoom.postForm("/oauth/token", SandboxApp.OPERATOR.clientId(),
        SandboxApp.OPERATOR.clientSecret(), form);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", json(response).path("error").asString());
  }

  @Test
  void aCodeOfOneAppCannotBeRedeemedByAnother() {
    String code = zoom.code(SandboxApp.OPERATOR);

    HttpResponse<String> response = zoom.exchange(SandboxApp.BRING_YOUR_OWN, code, RFC_VERIFIER);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", json(response).path("error").asString());
  }

  @Test
  void aWrongClientSecretOrNoClientAuthenticationIs401InvalidClient() {
    String code = zoom.code(SandboxApp.OPERATOR);
    Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
        "code_verifier", RFC_VERIFIER);

    HttpResponse<String> wrongSecret = zoom.postForm("/oauth/token", SandboxApp.OPERATOR.clientId(), "nope", form);
    HttpResponse<String> none = zoom.postForm("/oauth/token", null, null, form);

    for (HttpResponse<String> response : List.of(wrongSecret, none)) {
      assertEquals(401, response.statusCode());
      assertEquals("{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}",
          response.body());
    }
  }

  @Test
  void tokenParametersMayComeInTheQuery() {
    String code = zoom.code(SandboxApp.OPERATOR);
    String query = SandboxFixture.form(Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT_URI, "code_verifier", RFC_VERIFIER));
    HttpRequest request = HttpRequest.newBuilder(zoom.uri("/oauth/token?" + query))
        .header("Authorization", SandboxFixture.basic(SandboxApp.OPERATOR.clientId(),
            SandboxApp.OPERATOR.clientSecret()))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();

    HttpResponse<String> response = zoom.send(request);

    assertEquals(200, response.statusCode(), response::body);
  }

  @Test
  void anUnsupportedGrantTypeIsRefused() {
    HttpResponse<String> s2sCode = zoom.postForm("/oauth/token", SandboxApp.SERVER_TO_SERVER.clientId(),
        SandboxApp.SERVER_TO_SERVER.clientSecret(), Map.of("grant_type", "authorization_code", "code", "x"));
    HttpResponse<String> password = zoom.postForm("/oauth/token", SandboxApp.OPERATOR.clientId(),
        SandboxApp.OPERATOR.clientSecret(), Map.of("grant_type", "password"));

    for (HttpResponse<String> response : List.of(s2sCode, password)) {
      assertEquals(400, response.statusCode());
      assertEquals("unsupported_grant_type", json(response).path("error").asString());
    }
  }

  @Test
  void anUnknownClientOrAForeignRedirectUriEndsOnAnErrorPageWithoutRedirecting() {
    String unknownClient = zoom.authorizeUrl(SandboxApp.OPERATOR, "s").replace(SandboxApp.OPERATOR.clientId(), "nope");
    String foreignRedirect = zoom.authorizeUrl(SandboxApp.OPERATOR, "s")
        .replace("127.0.0.1%3A53682", "evil.example%3A53682");
    String serverToServer = zoom.authorizeUrl(SandboxApp.OPERATOR, "s")
        .replace(SandboxApp.OPERATOR.clientId(), SandboxApp.SERVER_TO_SERVER.clientId());

    for (String url : new String[] {unknownClient, foreignRedirect, serverToServer}) {
      HttpResponse<String> response = zoom.get(url, null);
      assertEquals(400, response.statusCode(), url);
      assertTrue(response.headers().firstValue("Location").isEmpty());
      assertTrue(response.body().contains("Oops"), response::body);
    }
  }

  @Test
  void missingParametersEndOnAnErrorPage() {
    HttpResponse<String> noResponseType = zoom.get(zoom.authorizeUrl(SandboxApp.OPERATOR, "s")
        .replace("response_type=code&", ""), null);
    HttpResponse<String> noRedirect = zoom.get("/oauth/authorize?response_type=code&client_id="
        + SandboxApp.OPERATOR.clientId(), null);

    assertEquals(400, noResponseType.statusCode());
    assertEquals(400, noRedirect.statusCode());
    assertTrue(noRedirect.body().contains("4,709"), noRedirect::body);
  }

  @Test
  void withoutAutoApproveAPersonAllowsOnTheConsentPage() {
    zoom.control().autoApprove(false);

    HttpResponse<String> page = zoom.get(zoom.authorizeUrl(SandboxApp.BRING_YOUR_OWN, "<st&te>"), null);

    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("My Zoom app (sandbox)"));
    assertTrue(page.body().contains("&lt;st&amp;te&gt;"), "the state is escaped");
    HttpResponse<String> allowed = zoom.postForm("/oauth/authorize", null, null, consent(page.body(), "allow",
        SandboxFixture.GRACE_ID));
    assertEquals(302, allowed.statusCode(), allowed::body);
    Map<String, String> callback = query(allowed.headers().firstValue("Location").orElseThrow());
    assertEquals("<st&te>", callback.get("state"));
    HttpResponse<String> tokens = zoom.exchange(SandboxApp.BRING_YOUR_OWN, callback.get("code"), RFC_VERIFIER);
    assertEquals(200, tokens.statusCode(), tokens::body);
    HttpResponse<String> me = zoom.get("/v2/users/me", json(tokens).path("access_token").asString());
    assertEquals(SandboxFixture.GRACE_ID, json(me).path("id").asString(), "the user chosen on the page");
  }

  @Test
  void decliningRedirectsWithAccessDenied() {
    zoom.control().autoApprove(false);
    HttpResponse<String> page = zoom.get(zoom.authorizeUrl(SandboxApp.OPERATOR, "xyz"), null);

    HttpResponse<String> denied = zoom.postForm("/oauth/authorize", null, null, consent(page.body(), "deny",
        SandboxFixture.ADA_ID));

    assertEquals(302, denied.statusCode());
    String location = denied.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(REDIRECT_URI + "?"), location);
    assertEquals(Map.of("error", "access_denied", "state", "xyz"), query(location));
  }

  @Test
  void theSignedInUserIsWhoAutoApproves() {
    zoom.control().signedInUser(SandboxFixture.GRACE);

    String token = zoom.accessToken();

    assertEquals(SandboxFixture.GRACE_ID, json(zoom.get("/v2/users/me", token)).path("id").asString());
  }

  @Test
  void aChallengeWithoutMethodIsPlainAsZoomDefaults() {
    String verifier = "plain-verifier-plain-verifier-plain-verifier-0001";
    String url = zoom.authorizeUrl(SandboxApp.OPERATOR, "s").replace(RFC_CHALLENGE, verifier)
        .replace("&code_challenge_method=S256", "");
    String code = query(zoom.get(url, null).headers().firstValue("Location").orElseThrow()).get("code");

    assertEquals(200, zoom.exchange(SandboxApp.OPERATOR, code, verifier).statusCode());
  }

  /** The consent form's fields as a browser would post them after a click on the button. */
  private static Map<String, String> consent(String html, String decision, String userId) {
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
    while (hidden.find()) {
      form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
    }
    assertNotEquals(0, form.size(), html);
    assertTrue(html.contains("value=\"" + userId + "\""), html);
    form.put("user_id", userId);
    form.put("decision", decision);
    return form;
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
