package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-ins whose answer arrives on a server's callback route: begin, then complete or refusal. */
class PendingAuthorizationTest {

  private static final String REDIRECT = "https://patchbay.example.test/oauth/callback/oauthtest";

  @TempDir
  Path home;

  ConnectionsFixture fixture;
  Connections connections;
  final OkHttpClient noRedirects = new OkHttpClient.Builder().followRedirects(false).build();

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    connections = fixture.connections();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** What the provider sends the browser back with: the callback's query parameters. */
  private HttpUrl signIn(PendingAuthorization pending) throws Exception {
    try (Response response = noRedirects.newCall(new Request.Builder().url(pending.authorizeUrl()).build()).execute()) {
      assertEquals(302, response.code());
      return HttpUrl.get(response.header("Location"));
    }
  }

  @Test
  void beginSendsTheServersRedirectUriAndCompleteRedeemsWithIt() throws Exception {
    PendingAuthorization pending = connections.beginAdd(fixture.oauth("work"), REDIRECT);

    HttpUrl authorize = HttpUrl.get(pending.authorizeUrl());
    assertEquals(REDIRECT, authorize.queryParameter("redirect_uri"));
    assertEquals("S256", authorize.queryParameter("code_challenge_method"));
    assertEquals(pending.state(), authorize.queryParameter("state"));
    assertEquals(fixture.clock.instant().plus(Duration.ofSeconds(10)), pending.expiresAt());
    assertTrue(connections.list().connections().isEmpty(), "nothing is stored before the sign-in");

    HttpUrl callback = signIn(pending);
    assertEquals(pending.state(), callback.queryParameter("state"));
    Connection connection = connections.complete(pending, callback.queryParameter("code"));

    assertEquals("work", connection.name());
    assertEquals(ConnectionStatus.ACTIVE, connection.status());
    assertEquals("user-1", connection.identity().userId());
    Map<String, String> form = FakeOAuthServer.form(fixture.server.tokenRequests().get(0));
    assertEquals(REDIRECT, form.get("redirect_uri"));
    assertEquals(connection, connections.get("work"));
    assertFalse(pending.toString().contains(pending.state()), "the state stays out of logs");
  }

  @Test
  void aPendingSignInCompletesOnce() throws Exception {
    PendingAuthorization pending = connections.beginAdd(fixture.oauth("work"), REDIRECT);
    String code = signIn(pending).queryParameter("code");
    connections.complete(pending, code);

    ConnectorException again = assertThrows(ConnectorException.class, () -> connections.complete(pending, code));

    assertEquals(ErrorCode.INVALID_INPUT, again.code());
    assertEquals("this sign-in was finished already; start a new one", again.getMessage());
    assertEquals(1, fixture.server.tokenRequests().size(), "the code is redeemed once");
  }

  @Test
  void anExpiredSignInIsRefusedWithoutATokenRequest() throws Exception {
    PendingAuthorization pending = connections.beginAdd(fixture.oauth("work"), REDIRECT);
    String code = signIn(pending).queryParameter("code");
    fixture.clock.advance(Duration.ofSeconds(11));

    ConnectorException e = assertThrows(ConnectorException.class, () -> connections.complete(pending, code));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("the sign-in took longer than 10 seconds and expired; start it again", e.getMessage());
    assertTrue(fixture.server.tokenRequests().isEmpty());
    assertTrue(connections.list().connections().isEmpty());
  }

  @Test
  void aRefusedSignInCarriesTheDefinitionsRemediationAndEndsThePendingOne() throws Exception {
    fixture.server.denyWith("access_denied");
    PendingAuthorization pending = connections.beginAdd(fixture.oauth("work"), REDIRECT);
    HttpUrl callback = signIn(pending);

    ConnectorException e = connections.refusal(pending, callback.queryParameter("error"),
        callback.queryParameter("error_description"));

    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("could not connect: the provider refused the authorization: access_denied (app not approved "
        + "<script>). An admin must pre-approve the app: App Marketplace → Manage → Permissions.", e.getMessage());
    assertThrows(ConnectorException.class, () -> connections.complete(pending, "code-1"));
    assertTrue(fixture.server.tokenRequests().isEmpty());
  }

  @Test
  void aNameTakenWhileTheUserSignedInIsRefusedAtCompletion() throws Exception {
    PendingAuthorization first = connections.beginAdd(fixture.oauth("work"), REDIRECT);
    connections.add(fixture.serverToServer("work"), fixture.browser());

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.complete(first, signIn(first).queryParameter("code")));

    assertEquals("a connection named 'work' exists already; choose another name, or reconnect it with patchbay "
        + "connections reauth work", e.getMessage());
    assertEquals("server-to-server", connections.get("work").authTypeId());
  }

  @Test
  void authTypesWithoutASignInPageCannotBegin() {
    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.beginAdd(fixture.serverToServer("s2s"), REDIRECT));

    assertEquals("auth type 'server-to-server' of OAuth Test has no sign-in page; connect it directly",
        e.getMessage());
  }

  @Test
  void malformedRequestsAreRefusedBeforeAnySignIn() throws Exception {
    assertEquals(ErrorCode.INVALID_INPUT, assertThrows(ConnectorException.class,
        () -> connections.beginAdd(fixture.byo("mine", null), REDIRECT)).code());
    assertEquals(ErrorCode.INVALID_INPUT, assertThrows(ConnectorException.class,
        () -> connections.beginAdd(fixture.oauth("bad name!"), REDIRECT)).code());
    assertTrue(connections.needsSignIn("oauthtest", "oauth"));
    assertFalse(connections.needsSignIn("oauthtest", "server-to-server"));
    assertEquals("no connector 'nope' in the catalog", assertThrows(ConnectorException.class,
        () -> connections.needsSignIn("nope", "oauth")).getMessage());
    assertTrue(fixture.server.authorizeRequests().isEmpty());
  }

  @Test
  void reauthorizingASupersededConnectionSupersedesTheOneThatReplacedIt() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());
    connections.add(fixture.oauth("work2"), fixture.browser());
    assertEquals(ConnectionStatus.NEEDS_REAUTH, connections.get("work").status());

    PendingAuthorization pending = connections.beginReauthorize("work", REDIRECT);
    assertTrue(pending.reauthorization());
    Connection fixed = connections.complete(pending, signIn(pending).queryParameter("code"));

    assertEquals(ConnectionStatus.ACTIVE, fixed.status());
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());
    Connection work2 = connections.get("work2");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, work2.status());
    assertEquals("superseded: connection 'work' authorized the same OAuth Test user and app, which revoked this one",
        work2.statusReason());
  }
}
