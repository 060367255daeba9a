package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.ADA_ID;
import static dev.patchbay.zoom.sandbox.SandboxFixture.GRACE_ID;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /users/{userId} and /users/me, and the scope rules around them. */
class UsersApiTest {

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
  void meIsTheAuthorizingUserInZoomsShape() {
    HttpResponse<String> response = zoom.get("/v2/users/me", zoom.accessToken());

    assertEquals(200, response.statusCode(), response::body);
    JsonNode me = json(response);
    assertEquals(ADA_ID, me.path("id").asString());
    assertEquals(SandboxFixture.ADA, me.path("email").asString());
    assertEquals("Ada Lovelace", me.path("display_name").asString());
    assertEquals("pbxSandboxAccount00001", me.path("account_id").asString());
    assertEquals(100200300L, me.path("account_number").asLong());
    assertEquals(2, me.path("type").asInt());
    assertEquals("active", me.path("status").asString());
    assertEquals("Europe/London", me.path("timezone").asString());
    assertEquals(zoom.sandbox.origin() + "/j/3141592653", me.path("personal_meeting_url").asString());
    assertEquals(String.valueOf(SandboxFixture.START.truncatedTo(ChronoUnit.HOURS)),
        me.path("created_at").asString());
  }

  @Test
  void aUserByIdOrEmail() {
    String token = zoom.serverToServerToken();

    assertEquals(GRACE_ID, json(zoom.get("/v2/users/" + GRACE_ID, token)).path("id").asString());
    assertEquals(GRACE_ID, json(zoom.get("/v2/users/GRACE@sandbox.patchbay.dev", token)).path("id").asString());
  }

  @Test
  void anUnknownUserIs1001() {
    HttpResponse<String> response = zoom.get("/v2/users/nobody@example.com", zoom.accessToken());

    assertEquals(404, response.statusCode());
    assertEquals("{\"code\":1001,\"message\":\"User does not exist: nobody@example.com.\"}", response.body());
  }

  @Test
  void aUserLevelTokenReadsItsOwnUserButNeedsAdminScopesForOthers() {
    String token = zoom.accessToken();

    assertEquals(200, zoom.get("/v2/users/" + ADA_ID, token).statusCode());
    HttpResponse<String> other = zoom.get("/v2/users/" + GRACE_ID, token);
    assertEquals(400, other.statusCode());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read:admin].\"}",
        other.body());
  }

  @Test
  void userInfoReadCountsForMeOnly() {
    zoom.control().grantedScopes(SandboxApp.OPERATOR.clientId(), List.of("user_info:read"));
    String token = zoom.accessToken();

    assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
    HttpResponse<String> byId = zoom.get("/v2/users/" + ADA_ID, token);
    assertEquals(400, byId.statusCode());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read].\"}",
        byId.body());
  }

  @Test
  void theMissingScopeIsNamedInTheTokensOwnFamily() {
    zoom.control().grantedScopes(SandboxApp.OPERATOR.clientId(), List.of("meeting:read:meeting"));

    HttpResponse<String> response = zoom.get("/v2/users/me", zoom.accessToken());

    assertEquals(400, response.statusCode());
    assertEquals("{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read:user].\"}",
        response.body());
  }

  @Test
  void unknownPathsAndMethodsAreRefused() {
    String token = zoom.accessToken();

    assertEquals(404, zoom.get("/v2/webinars/1", token).statusCode());
    assertEquals(405, zoom.send("DELETE", "/v2/users/me", token, null).statusCode());
    assertEquals(404, zoom.get("/nothing-here", null).statusCode());
  }
}
