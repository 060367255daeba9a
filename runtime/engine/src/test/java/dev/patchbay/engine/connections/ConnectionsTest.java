package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.FakeOAuthServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsTest {

  @TempDir
  Path home;

  ConnectionsFixture fixture;
  Connections connections;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ConnectionsFixture(home, new FakeOAuthServer());
    connections = fixture.connections();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void authorizationCodeFlowWithTheOperatorsApp() throws Exception {
    fixture.server.apiUrl("http://eu01.example.test");

    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());

    HttpUrl authorize = fixture.server.authorizeRequests().get(0);
    assertEquals("code", authorize.queryParameter("response_type"));
    assertEquals(ConnectionsFixture.OPERATOR_CLIENT, authorize.queryParameter("client_id"));
    assertEquals("S256", authorize.queryParameter("code_challenge_method"));
    assertNull(authorize.queryParameter("scope"), "Zoom grants the app's scopes; a scope list can break sign-in");
    assertTrue(authorize.queryParameter("state").length() >= 43, "state must carry at least 128 bits");
    String redirectUri = authorize.queryParameter("redirect_uri");
    assertTrue(redirectUri.matches("http://127\\.0\\.0\\.1:\\d+/callback"), redirectUri);

    RecordedRequest tokenRequest = fixture.server.tokenRequests().get(0);
    Map<String, String> form = FakeOAuthServer.form(tokenRequest);
    assertEquals("authorization_code", form.get("grant_type"));
    assertEquals(redirectUri, form.get("redirect_uri"), "the same redirect_uri in both requests");
    assertEquals(authorize.queryParameter("code_challenge"), dev.patchbay.engine.auth.Pkce.of(form.get("code_verifier"))
        .challenge());
    assertTrue(tokenRequest.getHeaders().get("Authorization").startsWith("Basic "));
    assertFalse(tokenRequest.getUrl().toString().contains(FakeOAuthServer.CANARY));

    assertEquals("work", connection.name());
    assertEquals(Set.of("things:read"), connection.grantedScopes());
    assertEquals("http://eu01.example.test/v2", Connections.regional(null, "http://eu01.example.test",
        "https://api.oauthtest.example/v2"));
    assertEquals(fixture.server.url("/v2"), connection.baseUrl(), "an explicit base URL override wins");
    assertEquals("user-1", connection.identity().userId());
    assertEquals(ConnectionStatus.ACTIVE, connection.status());
    assertEquals(1, fixture.identityTokens.size());

    assertEquals(connection, connections.get("work"));
  }

  @Test
  void callbackPortIsClosedAfterTheFlow() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());
    HttpUrl redirect = HttpUrl.get(fixture.server.authorizeRequests().get(0).queryParameter("redirect_uri"));

    assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", redirect.port()).close());
  }

  @Test
  void deniedConsentEndsTheFlowWithTheRemediationAndNoTokenRequest() {
    fixture.server.denyWith("access_denied");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.add(fixture.oauth("work"), fixture.browser()));

    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
    assertTrue(e.getMessage().endsWith("An admin must pre-approve the app: App Marketplace → Manage → Permissions."),
        e.getMessage());
    assertTrue(fixture.server.tokenRequests().isEmpty());
    assertTrue(connections.list().connections().isEmpty());
  }

  @Test
  void bringYourOwnApp() throws Exception {
    Connection connection = connections.add(fixture.byo("mine", ConnectionsFixture.BYO_SECRET), fixture.browser());

    assertEquals(ConnectionsFixture.BYO_CLIENT, fixture.server.authorizeRequests().get(0).queryParameter("client_id"));
    assertEquals(Map.of("clientId", ConnectionsFixture.BYO_CLIENT), connection.publicFields());
    assertFalse(connection.toString().contains(FakeOAuthServer.CANARY));
  }

  @Test
  void bringYourOwnAppWithoutItsSecretIsRefusedBeforeAnyRequest() {
    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.add(fixture.byo("mine", null), fixture.browser()));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("clientSecret is required (Client secret of your app)", e.getMessage());
    assertEquals(0, fixture.server.requestCount());
  }

  /** Issue 16, item 18: the app's credentials are configuration to fix, not a connection to reconnect. */
  @Test
  void wrongClientSecretIsAConfigurationErrorNamingWhatToFix() {
    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connections.add(fixture.byo("mine", "wrong-secret"), fixture.browser()));

    assertTrue(e instanceof ConfigurationException, e.getClass().getName());
    assertTrue(e.getMessage().contains("invalid_client") && e.getMessage().contains("Check the client ID and secret.")
        && e.getMessage().endsWith("Fix the Client ID and Client Secret given for connection 'mine'."),
        e.getMessage());
    assertTrue(connections.list().connections().isEmpty());
  }

  @Test
  void serverToServerUsesTheConnectorsGrantAndRenewsWithoutARefreshToken() throws Exception {
    Connection connection = connections.add(fixture.serverToServer("s2s"), fixture.browser());

    Map<String, String> form = FakeOAuthServer.form(fixture.server.tokenRequests().get(0));
    assertEquals(Map.of("grant_type", "account_credentials", "account_id", "acct-9"), form);
    assertTrue(fixture.server.authorizeRequests().isEmpty());

    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();
    fixture.clock.advance(Duration.ofMinutes(59));
    Secret second = tokens.current();
    assertNotEquals(first, second);
    assertEquals("account_credentials", FakeOAuthServer.form(fixture.server.tokenRequests().get(1)).get("grant_type"));
  }

  @Test
  void expiredTokenIsRefreshedOnceAndTheRotatedRefreshTokenIsStoredFirst() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();

    fixture.clock.advance(Duration.ofMinutes(59));
    Secret second = tokens.current();
    Secret third = tokens.current();

    assertNotEquals(first, second);
    assertEquals(second, third);
    assertEquals(1, fixture.server.refreshCount());
    Connections otherProcess = fixture.connections();
    assertEquals(fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1"),
        secretOf(otherProcess, "work"));
  }

  @Test
  void rejectionRefreshesOnceAndLaterRejectionsOfTheOldTokenDoNot() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret rejected = tokens.current();

    Secret renewed = tokens.refreshAfterRejection(rejected);
    Secret again = tokens.refreshAfterRejection(rejected);

    assertNotEquals(rejected, renewed);
    assertEquals(renewed, again);
    assertEquals(1, fixture.server.refreshCount());
  }

  @Test
  void sixtyFourThreadsRacingOnAnExpiredTokenCauseOneRefresh() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    fixture.clock.advance(Duration.ofHours(2));
    fixture.server.refreshDelayMillis(100);

    List<Secret> results = Races.run(64, tokens::current);

    assertEquals(1, fixture.server.refreshCount());
    assertEquals(1, results.stream().distinct().count(), "all 64 got the same token");
  }

  @Test
  void aRefreshWhoseAnswerCameTooLateIsReportedAsUnansweredNotAsAStoppedProcess() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    String stored = fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1");
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
    Connections timingOut = ConnectionsFixture.connectionsOver(fixture.home, fixture.runtime.catalog(), impatient,
        fixture.clock, (c, t) -> {
          throw new IllegalStateException("never connects");
        });
    fixture.server.refreshDelayMillis(1000);
    AccessTokens tokens = timingOut.tokens(connection);

    ConnectorException late = assertThrows(ConnectorException.class,
        () -> tokens.refreshAfterRejection(tokens.current()));

    assertEquals(ErrorCode.UPSTREAM_ERROR, late.code());
    assertTrue(late.getMessage().endsWith("; not retried, since the request may have reached the provider: if it "
        + "did, the provider rotated the refresh token and the connection will need reconnecting"), late.getMessage());
    // The provider applies the refresh after the client gave up.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stored.equals(fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1"))) {
      assertTrue(System.nanoTime() < deadline, "the provider never applied the refresh");
      Thread.sleep(10);
    }
    fixture.server.refreshDelayMillis(0);

    AccessTokens again = connections.tokens(connection);
    ConnectorException spent = assertThrows(ConnectorException.class,
        () -> again.refreshAfterRejection(again.current()));

    assertEquals(ErrorCode.NEEDS_REAUTH, spent.code());
    String reason = connections.get("work").statusReason();
    assertTrue(reason.startsWith("refresh_response_lost: an earlier refresh request got no answer (the token endpoint "
        + fixture.server.url("/oauth/token") + " did not answer in time ("), reason);
    assertTrue(reason.endsWith("but the provider applied it and rotated the refresh token, so the one stored here is "
        + "spent; reconnect"), reason);
  }

  @Test
  void twoInstancesOnOneStoreWithStaleSnapshotsRefreshOnce() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens first = connections.tokens(connection);
    AccessTokens second = fixture.connections().tokens(connection);
    fixture.clock.advance(Duration.ofHours(2));

    Secret a = first.current();
    Secret b = second.current();

    assertEquals(a, b);
    assertEquals(1, fixture.server.refreshCount());
  }

  @Test
  void reusedRefreshTokenRevokesTheFamilyAndMarksTheConnectionNeedsReauthWithoutDeletingIt() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    // Someone outside Patchbay's locks refreshes with the stored token, then Patchbay refreshes with it again.
    String stolen = fixture.server.currentRefreshToken(ConnectionsFixture.OPERATOR_CLIENT, "user-1");
    refreshBehindPatchbaysBack(stolen);
    fixture.clock.advance(Duration.ofHours(2));

    ConnectorException e = assertThrows(ConnectorException.class, tokens::current);

    assertEquals(ErrorCode.NEEDS_REAUTH, e.code());
    assertEquals("connection 'work' needs to be reconnected: The refresh token is no longer valid; reconnect.",
        e.getMessage());
    Connection after = connections.get("work");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, after.status());
    assertEquals("The refresh token is no longer valid; reconnect.", after.statusReason());
    assertThrows(ConnectorException.class, tokens::current, "no hot loop: the connection stays NEEDS_REAUTH");
    assertEquals(2, fixture.server.refreshCount());
  }

  /**
   * The operator rotated the app's client secret at the provider and not yet here: the refresh is refused with
   * invalid_client. That is the operator's configuration to fix; the user's authorization is intact, so the
   * connection is not marked NEEDS_REAUTH and renews as soon as the app's secret is right again.
   */
  @Test
  void anOperatorAppRefusedOnRefreshIsAConfigurationErrorAndLeavesTheConnectionActive() throws Exception {
    Connection connection = connections.add(fixture.oauth("work"), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    Secret first = tokens.current();
    fixture.server.client(ConnectionsFixture.OPERATOR_CLIENT, "rotated-at-the-provider");
    fixture.clock.advance(Duration.ofMinutes(59));

    ConnectorException e = assertThrows(ConnectorException.class, tokens::current);

    assertTrue(e instanceof ConfigurationException, e.getClass().getName());
    assertTrue(e.getMessage().startsWith("could not renew the access token of connection 'work': the provider "
        + "refused the operator's oauthtest app ("), e.getMessage());
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    assertTrue(e.getMessage().endsWith("The connection was left as it is; fix the app's client ID and secret."),
        e.getMessage());
    assertFalse(e.getMessage().contains(ConnectionsFixture.OPERATOR_SECRET), "the secret is never shown");
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());

    fixture.server.client(ConnectionsFixture.OPERATOR_CLIENT, ConnectionsFixture.OPERATOR_SECRET);
    Secret renewed = tokens.current();
    assertNotEquals(first, renewed);
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());
  }

  /** A bring-your-own app is the connection's own: its refused client is reconnected with the right secret. */
  @Test
  void aBringYourOwnAppRefusedOnRefreshMarksTheConnectionNeedsReauth() throws Exception {
    Connection connection = connections.add(fixture.byo("mine", ConnectionsFixture.BYO_SECRET), fixture.browser());
    AccessTokens tokens = connections.tokens(connection);
    tokens.current();
    fixture.server.client(ConnectionsFixture.BYO_CLIENT, "rotated-at-the-provider");
    fixture.clock.advance(Duration.ofMinutes(59));

    ConnectorException e = assertThrows(ConnectorException.class, tokens::current);

    assertEquals(ErrorCode.NEEDS_REAUTH, e.code());
    assertFalse(e instanceof ConfigurationException);
    assertEquals(ConnectionStatus.NEEDS_REAUTH, connections.get("mine").status());
  }

  @Test
  void secondAuthorizationOfTheSameUserAndAppSupersedesTheFirstAndSaysWhatTheProviderRevoked() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());

    Connection replacement = connections.add(fixture.oauth("work2"), fixture.browser());

    assertEquals(ConnectionStatus.ACTIVE, replacement.status());
    Connection superseded = connections.get("work");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, superseded.status());
    assertEquals("superseded: connection 'work2' authorized the same OAuth Test user and app, which revoked this one",
        superseded.statusReason());
    assertEquals(List.of("work"), connections.supersededBy(replacement).stream().map(Connection::name).toList());
    assertEquals("Connection 'work2' (oauthtest, oauth) is ACTIVE and acts as user-1@example.test. "
        + "Signing in as the same user with the same app revoked the authorization of 'work' at the provider, which "
        + "keeps one live authorization per user and app: it is now NEEDS_REAUTH (reconnect it as another user, or "
        + "remove it).", connections.outcome(replacement));
  }

  /** A provider that keeps every authorization (GitHub's OAuth apps) does not declare Zoom's rule: nothing is marked. */
  @Test
  void withoutOneAuthorizationPerUserTheSameUsersEarlierConnectionStaysActive() throws Exception {
    try (ConnectionsFixture keepsAll = new ConnectionsFixture(home.resolve("keeps-all"), new FakeOAuthServer(),
        definition -> definition.replace("\"oneAuthorizationPerUser\": true,", ""))) {
      Connections many = keepsAll.connections();
      many.add(keepsAll.oauth("work"), keepsAll.browser());

      Connection second = many.add(keepsAll.oauth("work2"), keepsAll.browser());

      assertEquals("user-1", second.identity().userId());
      assertEquals(ConnectionStatus.ACTIVE, many.get("work").status());
      assertEquals(List.of(), many.supersededBy(second));
      assertFalse(many.outcome(second).contains("revoked"), many.outcome(second));
    }
  }

  /** The auth type's baseUrlField names the token answer's member with the account's server (Zoom's api_url). */
  @Test
  void theServerTheTokenAnswerNamesIsTheConnectionsBaseUrlOnlyWhereTheAuthTypeDeclaresIt() throws Exception {
    fixture.server.apiUrl("http://eu01.example.test");

    assertEquals("http://eu01.example.test/v2", connections.add(fixture.byo("regional", ConnectionsFixture.BYO_SECRET),
        fixture.browser()).baseUrl());

    try (ConnectionsFixture undeclared = new ConnectionsFixture(home.resolve("undeclared"), new FakeOAuthServer(),
        definition -> definition.replace("\"baseUrlField\": \"api_url\",", ""))) {
      undeclared.server.apiUrl("http://eu01.example.test");
      assertEquals("https://api.oauthtest.example/v2", undeclared.connections().add(
          undeclared.byo("global", ConnectionsFixture.BYO_SECRET), undeclared.browser()).baseUrl());
    }
  }

  /** Only a plain server URL is taken from a token answer: one with a query or user info could carry a secret. */
  @Test
  void aTokenAnswersUrlWithAQueryIsNotTakenForTheServer() throws Exception {
    fixture.server.apiUrl("http://eu01.example.test/?sig=" + FakeOAuthServer.CANARY);

    Connection connection = connections.add(fixture.byo("regional", ConnectionsFixture.BYO_SECRET), fixture.browser());

    assertEquals("https://api.oauthtest.example/v2", connection.baseUrl());
  }

  /** Issue 16, item 9: who signs in is known after the sign-in; another user of the same app needs nothing. */
  @Test
  void anotherUserOfTheSameAppConnectsWithoutSupersedingAnything() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());
    fixture.signedInUser = "user-2";

    Connection other = connections.add(fixture.oauth("other"), fixture.browser());

    assertEquals("user-2", other.identity().userId());
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());
    assertEquals(List.of(), connections.supersededBy(other));
    assertFalse(connections.outcome(other).contains("revoked"), connections.outcome(other));
  }

  @Test
  void revokedByANewerAuthorizationIsReportedInWords() throws Exception {
    Connection work = connections.add(fixture.oauth("work"), fixture.browser());
    // Another installation signs the same user in with the same app.
    fixture.signedInUser = "user-1";
    new ConnectionsFixture(home.resolve("elsewhere"), fixture.server).connections()
        .add(fixture.oauth("elsewhere"), fixture.browser());
    fixture.clock.advance(Duration.ofHours(2));

    ConnectorException e = assertThrows(ConnectorException.class, () -> connections.tokens(work).current());

    assertEquals("connection 'work' needs to be reconnected: A newer sign-in of the same user and app revoked this "
        + "connection.", e.getMessage());
  }

  @Test
  void reauthorizeBringsANeedsReauthConnectionBack() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());
    connections.add(fixture.oauth("work2"), fixture.browser());

    Connection fixed = connections.reauthorize("work", fixture.browser());

    assertEquals(ConnectionStatus.ACTIVE, fixed.status());
    assertEquals(ConnectionStatus.ACTIVE, connections.get("work").status());
  }

  @Test
  void removeRevokesAtTheProviderAndDeletesTheRecord() throws Exception {
    Connection work = connections.add(fixture.oauth("work"), fixture.browser());
    Secret token = connections.tokens(work).current();

    assertEquals("revoked at the provider", connections.remove("work"));

    assertTrue(fixture.server.isRevoked(token.reveal()));
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(ConnectorException.class, () -> connections.get("work")).code());
  }

  @Test
  void storeFilesAreOwnerOnlyAndHoldNoSecretInPlaintext() throws Exception {
    connections.add(fixture.oauth("work"), fixture.browser());
    connections.add(fixture.byo("mine", ConnectionsFixture.BYO_SECRET), fixture.browser());

    Path folder = home.resolve("connections");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".conn")).toList()) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String content = Files.readString(file);
        assertFalse(content.contains(FakeOAuthServer.CANARY), file + " holds a secret in plaintext");
        assertFalse(content.contains("user-1"), file + " holds identity in plaintext");
      }
    }
  }

  @Test
  void duplicateAndMalformedNamesAreRefused() throws Exception {
    connections.add(fixture.serverToServer("s2s"), fixture.browser());

    assertTrue(assertThrows(ConnectorException.class,
        () -> connections.add(fixture.serverToServer("s2s"), fixture.browser())).getMessage()
        .startsWith("a connection named 's2s' exists already"));
    assertEquals(ErrorCode.INVALID_INPUT, assertThrows(ConnectorException.class,
        () -> connections.add(fixture.serverToServer("../evil"), fixture.browser())).code());
  }

  @Test
  void findingByNameSeesWhatAnotherProcessRemovedAndAdded() throws Exception {
    connections.add(fixture.serverToServer("s2s"), fixture.browser());
    Connection first = connections.get("s2s");
    Connections otherProcess = fixture.connections();

    otherProcess.remove("s2s");
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(ConnectorException.class, () -> connections.get("s2s")).code());
    otherProcess.add(fixture.serverToServer("s2s"), fixture.browser());

    Connection second = connections.get("s2s");
    assertNotEquals(first.id(), second.id());
  }

  private void refreshBehindPatchbaysBack(String refreshToken) throws Exception {
    okhttp3.Request request = new okhttp3.Request.Builder()
        .url(fixture.server.url("/oauth/token"))
        .header("Authorization", okhttp3.Credentials.basic(ConnectionsFixture.OPERATOR_CLIENT,
            ConnectionsFixture.OPERATOR_SECRET))
        .post(new okhttp3.FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
            .build())
        .build();
    try (okhttp3.Response response = fixture.http.newCall(request).execute()) {
      assertEquals(200, response.code());
    }
  }

  private static String secretOf(Connections connections, String name) throws Exception {
    ConnectionStore.Listing listing = connections.list();
    return listing.connections().stream().filter(s -> s.connection().name().equals(name)).findFirst().orElseThrow()
        .credentials().refreshToken().reveal();
  }
}
