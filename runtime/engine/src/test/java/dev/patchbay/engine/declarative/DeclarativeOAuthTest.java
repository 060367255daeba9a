package dev.patchbay.engine.declarative;

import static dev.patchbay.engine.declarative.DeclarativeWorld.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.connections.PendingAuthorization;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth auth types of connector-defs/github.json and slack.json, connected end to end against a MockWebServer
 * playing the provider's token endpoint and API: the authorization page's exact query (the scopes the operations
 * need, joined as each provider wants; PKCE or none as the definition says), the exact token request, token answers
 * without expires_in, the granted scopes (GitHub's X-OAuth-Scopes, Slack's scope member), and the refusals both
 * providers send inside HTTP 200. GitHub's sign-in goes through the server's route (beginAdd, complete), Slack's
 * through the CLI's loopback; both build the request the same way.
 */
class DeclarativeOAuthTest {

  private static final String CLIENT_SECRET = "CANARY-client-secret";
  private static final String GITHUB_TOKEN = "gho_CANARY16C7e42F292c6912E7710c838347Ae178B4a";
  private static final String SLACK_TOKEN = "xoxb-CANARY-17653672481-19874698323";
  private static final String REDIRECT = "https://patchbay.example.test/oauth/callback";

  @TempDir
  Path home;

  DeclarativeWorld world;

  @AfterEach
  void close() {
    world.close();
  }

  private NewConnection github(String name, List<String> scopes) {
    return new NewConnection("github", "oauth", name, Map.of("clientId", "Iv1.app"),
        Map.of("clientSecret", Secret.of(CLIENT_SECRET)), world.baseUrl(), null,
        world.server.url("/login/oauth/access_token").toString(), null, scopes);
  }

  /** The query of a URL as name=value pairs in order. */
  private static List<String> query(HttpUrl url) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      pairs.add(url.queryParameterName(i) + "=" + url.queryParameterValue(i));
    }
    return pairs;
  }

  private static Map<String, String> form(RecordedRequest request) {
    return new LinkedHashMap<>(FakeOAuthServer.form(request));
  }

  private static String s256(String verifier) throws Exception {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void gitHubAsksForTheOperationsScopesSpaceSeparatedWithPkceAndReadsTheGrantFromXOAuthScopes() throws Exception {
    world = new DeclarativeWorld(home, "github.json");
    PendingAuthorization pending = world.runtime.connections().beginAdd(github("gh", List.of()), REDIRECT);

    HttpUrl authorize = HttpUrl.get(pending.authorizeUrl());
    assertEquals("https://github.com/login/oauth/authorize", authorize.newBuilder().query(null).build().toString());
    String challenge = authorize.queryParameter("code_challenge");
    assertEquals(List.of("response_type=code", "client_id=Iv1.app", "redirect_uri=" + REDIRECT,
        "state=" + pending.state(), "scope=repo", "code_challenge=" + challenge, "code_challenge_method=S256"),
        query(authorize));

    world.respond(200, "{\"access_token\":\"" + GITHUB_TOKEN + "\",\"scope\":\"repo\",\"token_type\":\"bearer\"}");
    world.respond(200, "{\"login\":\"octocat\",\"id\":1,\"email\":null}", "X-OAuth-Scopes", "repo, read:org");
    Connection connection = world.runtime.connections().complete(pending, "code-gh-1");

    RecordedRequest token = world.request();
    assertEquals("POST /login/oauth/access_token", token.getMethod() + " " + target(token));
    assertEquals("Basic " + Base64.getEncoder().encodeToString(("Iv1.app:" + CLIENT_SECRET)
        .getBytes(StandardCharsets.UTF_8)), token.getHeaders().get("Authorization"));
    assertEquals("application/json", token.getHeaders().get("Accept"));
    Map<String, String> form = form(token);
    assertEquals(List.of("grant_type", "code", "redirect_uri", "code_verifier"), List.copyOf(form.keySet()));
    assertEquals("authorization_code", form.get("grant_type"));
    assertEquals("code-gh-1", form.get("code"));
    assertEquals(REDIRECT, form.get("redirect_uri"));
    assertEquals(challenge, s256(form.get("code_verifier")));
    RecordedRequest identify = world.request();
    assertEquals("GET /user", identify.getMethod() + " " + target(identify));
    assertEquals("Bearer " + GITHUB_TOKEN, identify.getHeaders().get("Authorization"));
    assertEquals(Set.of("repo", "read:org"), connection.grantedScopes());
    assertEquals("octocat", connection.identity().displayName());

    // No expires_in: the token lasts until revoked, so a call uses it as it is, with no token request first.
    world.respond(200, "{\"id\":7,\"name\":\"r\",\"full_name\":\"o/r\",\"private\":false,"
        + "\"owner\":{\"login\":\"o\",\"id\":3},\"html_url\":\"https://github.com/o/r\"}");
    world.run("github/repos.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\"}");
    RecordedRequest call = world.request();
    assertEquals("GET /repos/o/r", call.getMethod() + " " + target(call));
    assertEquals("Bearer " + GITHUB_TOKEN, call.getHeaders().get("Authorization"));
    assertEquals(3, world.server.getRequestCount());

    // Signing in again asks for what was granted, so a connection made with fewer scopes stays so.
    PendingAuthorization again = world.runtime.connections().beginReauthorize("gh", REDIRECT);
    assertEquals("read:org repo", HttpUrl.get(again.authorizeUrl()).queryParameter("scope"));
  }

  @Test
  void gitHubScopesNamedByTheUserReplaceTheDefaultAndMustBeDeclared() throws Exception {
    world = new DeclarativeWorld(home, "github.json");

    PendingAuthorization pending = world.runtime.connections().beginAdd(github("gh", List.of("public_repo")),
        REDIRECT);
    assertEquals("public_repo", HttpUrl.get(pending.authorizeUrl()).queryParameter("scope"));

    ConnectorException unknown = assertThrows(ConnectorException.class,
        () -> world.runtime.connections().beginAdd(github("gh2", List.of("repo", "admin:org")), REDIRECT));
    assertEquals(ErrorCode.INVALID_INPUT, unknown.code());
    assertEquals("GitHub declares no scope admin:org; it declares repo, public_repo", unknown.getMessage());
  }

  /** A GitHub sign-in whose code exchange GitHub answers with {@code answer} (HTTP 200): what completing it throws. */
  private ConnectorException gitHubSignInRefusedWith(String answer) throws Exception {
    world = new DeclarativeWorld(home, "github.json");
    PendingAuthorization pending = world.runtime.connections().beginAdd(github("gh", List.of()), REDIRECT);
    world.respond(200, answer);
    return assertThrows(ConnectorException.class,
        () -> world.runtime.connections().complete(pending, "code-" + GITHUB_TOKEN));
  }

  @Test
  void gitHubBadVerificationCodeInA200IsARefusalNamingTheCode() throws Exception {
    ConnectorException refused = gitHubSignInRefusedWith("{\"error\":\"bad_verification_code\",\"error_description\":"
        + "\"The code passed is incorrect or expired.\",\"error_uri\":\"https://docs.github.com/apps/troubleshooting\"}");

    assertEquals("bad_verification_code", refused.providerCode().orElseThrow());
    assertEquals("could not connect: the token endpoint refused the request (HTTP 200, bad_verification_code: The "
        + "code passed is incorrect or expired.).", refused.getMessage());
    assertFalse(refused.toString().contains("CANARY"), refused.toString());
    assertTrue(world.runtime.connections().list().connections().isEmpty(), "nothing is stored");
    assertEquals(1, world.server.getRequestCount(), "no identify call after a refusal");
  }

  /** GitHub's own code for a wrong client secret, declared by github.json, is the app's to fix (exit 5), not the user's. */
  @Test
  void gitHubIncorrectClientCredentialsIsAConfigurationErrorNamingWhatToFix() throws Exception {
    ConnectorException refused = gitHubSignInRefusedWith("{\"error\":\"incorrect_client_credentials\","
        + "\"error_description\":\"The client_id and/or client_secret passed are incorrect.\"}");

    assertInstanceOf(ConfigurationException.class, refused, refused.getClass().getName());
    assertTrue(refused.getMessage().endsWith("Fix the Client ID and Client Secret given for connection 'gh'."),
        refused.getMessage());
    assertFalse(refused.getMessage().contains(CLIENT_SECRET), refused.getMessage());
    assertTrue(world.runtime.connections().list().connections().isEmpty(), "nothing is stored");
  }

  @Test
  void anAuthTypeThatAsksForNoScopesRefusesScopesNamedByTheUser() throws Exception {
    world = new DeclarativeWorld(home, "github.json");
    ConnectorException pasted = assertThrows(ConnectorException.class, () -> world.runtime.connections().add(
        new NewConnection("github", "token", "gh", Map.of(), Map.of("token", Secret.of("ghp_x")), world.baseUrl(),
            null, null, null, List.of("repo")), null));
    assertEquals(ErrorCode.INVALID_INPUT, pasted.code());
    assertEquals("auth type 'token' of GitHub asks for no scopes (a pasted credential carries the scopes it was made "
        + "with); leave out --scope", pasted.getMessage());
    assertEquals(0, world.server.getRequestCount());
  }

  @Test
  void slackAsksForBotScopesCommaSeparatedWithoutPkceAndReadsTheGrantFromTheTokenAnswer() throws Exception {
    world = new DeclarativeWorld(home, "slack.json");
    SlackOpenApi openApi = SlackOpenApi.load();
    String answer = "{\"ok\":true,\"access_token\":\"" + SLACK_TOKEN + "\",\"token_type\":\"bot\","
        + "\"scope\":\"chat:write,channels:read,channels:history\",\"bot_user_id\":\"U0KRQLJ9H\","
        + "\"app_id\":\"A0KRD7HC3\",\"team\":{\"name\":\"Acme\",\"id\":\"T0123456789\"},\"enterprise\":null,"
        + "\"authed_user\":{\"id\":\"U1234\"}}";
    openApi.assertAnswer("oauth.v2.access", answer);
    world.respond(200, answer);
    String authTest = "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"patchbay\","
        + "\"team_id\":\"T0123456789\",\"user_id\":\"U0KRQLJ9H\",\"bot_id\":\"B0123456789\"}";
    openApi.assertAnswer("auth.test", authTest);
    world.respond(200, authTest);
    AtomicReference<HttpUrl> opened = new AtomicReference<>();

    Connection connection = world.runtime.connections().add(new NewConnection("slack", "oauth", "acme",
        Map.of("clientId", "1234.5678"), Map.of("clientSecret", Secret.of(CLIENT_SECRET)), world.baseUrl(), null,
        world.server.url("/oauth.v2.access").toString(), null), url -> approve(url, opened));

    HttpUrl authorize = opened.get();
    String redirect = authorize.queryParameter("redirect_uri");
    assertEquals("https://slack.com/oauth/v2/authorize", authorize.newBuilder().query(null).build().toString());
    assertEquals(List.of("response_type=code", "client_id=1234.5678", "redirect_uri=" + redirect,
        "state=" + authorize.queryParameter("state"),
        "scope=chat:write,channels:read,channels:history,users:read.email,reactions:write"), query(authorize));
    assertTrue(authorize.toString().contains("&scope=chat%3Awrite%2Cchannels%3Aread%2C"), authorize.toString());
    RecordedRequest token = world.request();
    assertEquals("POST /oauth.v2.access", token.getMethod() + " " + target(token));
    assertEquals(Map.of("grant_type", "authorization_code", "code", "code-slack-1", "redirect_uri", redirect),
        form(token));
    RecordedRequest identify = world.request();
    assertEquals("GET /auth.test", identify.getMethod() + " " + target(identify));
    assertEquals("Bearer " + SLACK_TOKEN, identify.getHeaders().get("Authorization"));
    assertEquals(Set.of("chat:write", "channels:read", "channels:history"), connection.grantedScopes());
    assertEquals("T0123456789", connection.identity().accountId());
  }

  @Test
  void slackOkFalseInA200IsARefusalNamingItsError() throws Exception {
    world = new DeclarativeWorld(home, "slack.json");
    SlackOpenApi.load().assertAnswer("oauth.v2.access", "{\"ok\":false,\"error\":\"invalid_code\"}");
    PendingAuthorization pending = world.runtime.connections().beginAdd(new NewConnection("slack", "oauth", "acme",
        Map.of("clientId", "1234.5678"), Map.of("clientSecret", Secret.of(CLIENT_SECRET)), world.baseUrl(), null,
        world.server.url("/oauth.v2.access").toString(), null), REDIRECT);
    assertEquals(null, HttpUrl.get(pending.authorizeUrl()).queryParameter("code_challenge"));
    world.respond(200, "{\"ok\":false,\"error\":\"invalid_code\"}");

    ConnectorException refused = assertThrows(ConnectorException.class,
        () -> world.runtime.connections().complete(pending, "code-1"));

    assertEquals("invalid_code", refused.providerCode().orElseThrow());
    assertEquals("could not connect: the token endpoint refused the request (HTTP 200, invalid_code).",
        refused.getMessage());
    assertTrue(world.runtime.connections().list().connections().isEmpty());
  }

  /** What the user's browser does after approving: the provider redirects to the loopback with a code. */
  private static void approve(String url, AtomicReference<HttpUrl> opened) {
    HttpUrl authorize = HttpUrl.get(url);
    opened.set(authorize);
    HttpUrl callback = HttpUrl.get(authorize.queryParameter("redirect_uri")).newBuilder()
        .addQueryParameter("code", "code-slack-1").addQueryParameter("state", authorize.queryParameter("state"))
        .build();
    Thread browser = new Thread(() -> {
      try (Response response = new OkHttpClient().newCall(new Request.Builder().url(callback).build()).execute()) {
        response.body().string();
      } catch (java.io.IOException e) {
        // The sign-in's outcome is asserted where it was started.
      }
    }, "test-browser");
    browser.setDaemon(true);
    browser.start();
  }
}
