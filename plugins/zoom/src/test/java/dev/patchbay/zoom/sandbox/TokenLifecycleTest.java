package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refresh rotation, reuse detection, one authorization per user and app, S2S tokens, revocation and expiry. */
class TokenLifecycleTest {

  private static final String INVALID_TOKEN = "{\"code\":124,\"message\":\"Invalid access token.\"}";
  private static final SandboxApp APP = SandboxApp.OPERATOR;

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
  void everyRefreshRotatesTheRefreshToken() {
    JsonNode first = zoom.authorize(APP);

    HttpResponse<String> refreshed = zoom.refresh(APP, first.path("refresh_token").asString());

    assertEquals(200, refreshed.statusCode(), refreshed::body);
    JsonNode second = json(refreshed);
    assertNotEquals(first.path("refresh_token"), second.path("refresh_token"));
    assertNotEquals(first.path("access_token"), second.path("access_token"));
    assertEquals(first.path("scope"), second.path("scope"));
    assertEquals(200, zoom.refresh(APP, second.path("refresh_token").asString()).statusCode());
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
    JsonNode first = zoom.authorize(APP);
    JsonNode second = json(zoom.refresh(APP, first.path("refresh_token").asString()));

    HttpResponse<String> reuse = zoom.refresh(APP, first.path("refresh_token").asString());

    assertEquals(400, reuse.statusCode());
    assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}", reuse.body());
    assertEquals(400, zoom.refresh(APP, second.path("refresh_token").asString()).statusCode(),
        "the newest refresh token died with its family");
    HttpResponse<String> api = zoom.get("/v2/users/me", second.path("access_token").asString());
    assertEquals(401, api.statusCode());
    assertEquals(INVALID_TOKEN, api.body());
  }

  @Test
  void aRefreshTokenOfAnotherAppOrUnknownIsInvalid() {
    JsonNode tokens = zoom.authorize(APP);

    HttpResponse<String> otherApp = zoom.refresh(SandboxApp.BRING_YOUR_OWN, tokens.path("refresh_token").asString());
    HttpResponse<String> unknown = zoom.refresh(APP, "no-such-token");

    assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}", otherApp.body());
    assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}", unknown.body());
  }

  @Test
  void aSecondAuthorizationOfTheSameUserAndAppSupersedesTheFirst() {
    JsonNode first = zoom.authorize(APP);
    JsonNode otherApp = zoom.authorize(SandboxApp.BRING_YOUR_OWN);

    JsonNode second = zoom.authorize(APP);

    HttpResponse<String> refresh = zoom.refresh(APP, first.path("refresh_token").asString());
    assertEquals(400, refresh.statusCode());
    assertEquals("{\"reason\":\"The token has been revoked\",\"error\":\"invalid_grant\"}", refresh.body());
    assertEquals(INVALID_TOKEN, zoom.get("/v2/users/me", first.path("access_token").asString()).body());
    assertEquals(200, zoom.get("/v2/users/me", second.path("access_token").asString()).statusCode());
    assertEquals(200, zoom.get("/v2/users/me", otherApp.path("access_token").asString()).statusCode(),
        "another app of the same user is untouched");
  }

  @Test
  void anotherUserAuthorizingTheSameAppLeavesTheFirstAlone() {
    JsonNode ada = zoom.authorize(APP);
    zoom.control().signedInUser(SandboxFixture.GRACE);

    zoom.authorize(APP);

    assertEquals(200, zoom.refresh(APP, ada.path("refresh_token").asString()).statusCode());
  }

  @Test
  void accessTokensExpireAfterTheConfiguredLifetime() {
    zoom.control().accessTokenLifetime(Duration.ofSeconds(30));
    JsonNode tokens = zoom.authorize(APP);
    assertEquals(30, tokens.path("expires_in").asInt());
    String token = tokens.path("access_token").asString();
    zoom.clock.advance(Duration.ofSeconds(29));
    assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
    zoom.clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> expired = zoom.get("/v2/users/me", token);

    assertEquals(401, expired.statusCode());
    assertEquals("{\"code\":124,\"message\":\"Access token is expired.\"}", expired.body());
    JsonNode refreshed = json(zoom.refresh(APP, tokens.path("refresh_token").asString()));
    assertEquals(200, zoom.get("/v2/users/me", refreshed.path("access_token").asString()).statusCode());
  }

  @Test
  void expireAccessTokensEndsEveryCurrentTokenAtOnce() {
    JsonNode tokens = zoom.authorize(APP);

    zoom.control().expireAccessTokens();

    assertEquals("{\"code\":124,\"message\":\"Access token is expired.\"}",
        zoom.get("/v2/users/me", tokens.path("access_token").asString()).body());
    assertEquals(200, zoom.refresh(APP, tokens.path("refresh_token").asString()).statusCode());
  }

  @Test
  void serverToServerTokensNeedTheAccountAndCarryNoRefreshToken() {
    SandboxApp s2s = SandboxApp.SERVER_TO_SERVER;
    String accountId = zoom.sandbox.connectionFields("server-to-server").get("accountId");

    HttpResponse<String> response = zoom.postForm("/oauth/token?grant_type=account_credentials&account_id="
        + accountId, s2s.clientId(), s2s.clientSecret(), Map.of());

    assertEquals(200, response.statusCode(), response::body);
    JsonNode tokens = json(response);
    assertFalse(tokens.has("refresh_token"));
    assertEquals(String.join(" ", SandboxApp.SERVER_TO_SERVER.defaultScopes()), tokens.path("scope").asString());
    assertTrue(tokens.path("scope").asString().contains("meeting:write:meeting:admin"), "granular :admin scopes");
    assertEquals(zoom.sandbox.origin(), tokens.path("api_url").asString());
    HttpResponse<String> me = zoom.get("/v2/users/me", tokens.path("access_token").asString());
    assertEquals(SandboxFixture.ADA_ID, json(me).path("id").asString(), "me is the account owner");
    String second = zoom.serverToServerToken();
    assertEquals(200, zoom.get("/v2/users/me", tokens.path("access_token").asString()).statusCode(),
        "an S2S app may hold several live tokens");
    assertEquals(200, zoom.get("/v2/users/me", second).statusCode());
    HttpResponse<String> wrongAccount = zoom.postForm("/oauth/token", s2s.clientId(), s2s.clientSecret(),
        Map.of("grant_type", "account_credentials", "account_id", "someone-else"));
    assertEquals(400, wrongAccount.statusCode());
  }

  @Test
  void revokingEndsTheGrantOfTheToken() {
    JsonNode tokens = zoom.authorize(APP);

    HttpResponse<String> revoked = zoom.postForm("/oauth/revoke?token=" + tokens.path("access_token").asString(),
        APP.clientId(), APP.clientSecret(), Map.of());

    assertEquals(200, revoked.statusCode());
    assertEquals("{\"status\":\"success\"}", revoked.body());
    assertEquals(INVALID_TOKEN, zoom.get("/v2/users/me", tokens.path("access_token").asString()).body());
    assertEquals(400, zoom.refresh(APP, tokens.path("refresh_token").asString()).statusCode());
    assertEquals(401, zoom.postForm("/oauth/revoke?token=x", APP.clientId(), "wrong", Map.of()).statusCode());
    assertEquals(400, zoom.postForm("/oauth/revoke", APP.clientId(), APP.clientSecret(), Map.of()).statusCode());
  }

  @Test
  void theUserRemovingTheAppEndsAllItsTokensForThatUser() {
    JsonNode ada = zoom.authorize(APP);
    JsonNode adaOwnApp = zoom.authorize(SandboxApp.BRING_YOUR_OWN);

    zoom.control().revokeApp(SandboxFixture.ADA, APP.clientId());

    assertEquals(INVALID_TOKEN, zoom.get("/v2/users/me", ada.path("access_token").asString()).body());
    assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}",
        zoom.refresh(APP, ada.path("refresh_token").asString()).body());
    assertEquals(200, zoom.get("/v2/users/me", adaOwnApp.path("access_token").asString()).statusCode());
    assertEquals(200, zoom.get("/v2/users/me", zoom.accessToken()).statusCode(), "authorizing again works");
  }

  @Test
  void adminPreApprovalRefusesUserAppsUntilSwitchedOff() {
    JsonNode tokens = zoom.authorize(APP);
    String s2s = zoom.serverToServerToken();

    zoom.control().adminPreApprovalRequired(true);

    HttpResponse<String> authorize = zoom.get(zoom.authorizeUrl(APP, "s1"), null);
    assertEquals(302, authorize.statusCode());
    Map<String, String> callback = SandboxFixture.query(authorize.headers().firstValue("Location").orElseThrow());
    assertEquals("access_denied", callback.get("error"));
    assertEquals("s1", callback.get("state"));
    assertTrue(callback.get("error_description").contains("admin must pre-approve"), callback::toString);
    assertEquals("{\"reason\":\"The token is disabled by admin\",\"error\":\"invalid_grant\"}",
        zoom.refresh(APP, tokens.path("refresh_token").asString()).body());
    assertEquals(INVALID_TOKEN, zoom.get("/v2/users/me", tokens.path("access_token").asString()).body());
    assertEquals(200, zoom.get("/v2/users/me", s2s).statusCode(), "account-level apps are not affected");

    zoom.control().adminPreApprovalRequired(false);

    assertEquals(200, zoom.get("/v2/users/me", tokens.path("access_token").asString()).statusCode());
  }

  @Test
  void grantedScopesApplyToLaterAuthorizations() {
    String before = zoom.accessToken();

    zoom.control().grantedScopes(APP.clientId(), List.of("meeting:read:meeting", "user:read:user"));

    JsonNode after = zoom.authorize(APP);
    assertEquals("meeting:read:meeting user:read:user", after.path("scope").asString());
    assertEquals(200, zoom.get("/v2/users/me", after.path("access_token").asString()).statusCode());
    assertEquals(401, zoom.get("/v2/users/me", before).statusCode(), "superseded by the new authorization");
  }

  @Test
  void theApiAcceptsTheTokenOnlyAsABearerHeader() {
    String token = zoom.accessToken();

    HttpResponse<String> inQuery = zoom.get("/v2/users/me?access_token=" + token, null);
    HttpResponse<String> none = zoom.get("/v2/users/me", null);
    HttpResponse<String> garbage = zoom.get("/v2/users/me", "garbage");

    assertEquals(401, inQuery.statusCode());
    assertEquals(INVALID_TOKEN, inQuery.body());
    assertEquals(401, none.statusCode());
    assertEquals("{\"code\":124,\"message\":\"Requires an access token.\"}", none.body());
    assertEquals(INVALID_TOKEN, garbage.body());
    assertTrue(none.headers().firstValue("X-RateLimit-Category").isEmpty(), "refused before counting");
  }
}
