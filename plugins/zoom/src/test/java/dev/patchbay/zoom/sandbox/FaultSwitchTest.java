package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Latency, dropped connections, lost responses, 5xx bursts, and the HTTP face of the control. */
class FaultSwitchTest {

  private SandboxFixture zoom;
  private String token;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
    token = zoom.accessToken();
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  /** A request on a connection of its own, so no client-side retry of a pooled connection can hide a fault. */
  private HttpResponse<String> alone(HttpRequest request) throws IOException, InterruptedException {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest me() {
    return HttpRequest.newBuilder(zoom.uri("/v2/users/me")).header("Authorization", "Bearer " + token).build();
  }

  /**
   * A latency is a floor under every answer's time, and clearing it lifts it: after a latency of an hour is cleared,
   * a request with a one-minute timeout is answered. (No ceiling on a time is asserted: a loaded machine may take
   * any time.)
   */
  @Test
  void latencyDelaysEveryRequestUntilCleared() throws Exception {
    zoom.control().latency(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());

    zoom.control().latency(Duration.ofHours(1));
    zoom.control().clearFaults();

    HttpRequest bounded = HttpRequest.newBuilder(zoom.uri("/v2/users/me")).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofMinutes(1)).build();
    assertEquals(200, alone(bounded).statusCode());
  }

  @Test
  void droppedConnectionsGetNoAnswerAndHaveNoEffect() throws Exception {
    long before = zoom.control().requestCount("/v2");
    HttpRequest create = HttpRequest.newBuilder(zoom.uri("/v2/users/me/meetings"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"Never created\"}"))
        .build();
    zoom.control().dropConnections(1, "/v2");

    assertThrows(IOException.class, () -> alone(create));

    assertEquals(before + 1, zoom.control().requestCount("/v2"));
    JsonNode meetings = json(zoom.get("/v2/users/me/meetings?page_size=300", token));
    meetings.path("meetings").forEach(m -> assertNotEquals("Never created", m.path("topic").asString()));
    // The JDK client retries an idempotent GET once on a silently closed connection: two drops defeat it.
    zoom.control().dropConnections(2, "/v2");
    long beforeGet = zoom.control().requestCount("/v2");
    assertThrows(IOException.class, () -> alone(me()));
    assertEquals(beforeGet + 2, zoom.control().requestCount("/v2"));
    assertEquals(200, alone(me()).statusCode(), "the burst is over");
  }

  @Test
  void aLostRefreshResponseStillRotatedTheTokenSoTheOldOneIsThenAReuse() {
    JsonNode tokens = zoom.authorize(SandboxApp.OPERATOR);
    zoom.control().loseResponses(1, "/oauth/token");

    assertThrows(RuntimeException.class, () -> zoom.refresh(SandboxApp.OPERATOR,
        tokens.path("refresh_token").asString()));

    assertEquals(1, zoom.control().tokenRequestCount("refresh_token"));
    HttpResponse<String> retry = zoom.refresh(SandboxApp.OPERATOR, tokens.path("refresh_token").asString());
    assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}", retry.body());
  }

  @Test
  void serverErrorBurstsAnswer5xxThenRecover() {
    zoom.control().serverErrors(2, 503, "/v2");

    HttpResponse<String> first = zoom.get("/v2/users/me", token);
    HttpResponse<String> second = zoom.get("/v2/users/me", token);
    HttpResponse<String> oauth = zoom.refresh(SandboxApp.OPERATOR, "x");
    HttpResponse<String> third = zoom.get("/v2/users/me", token);

    assertEquals(503, first.statusCode());
    assertEquals("1", first.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(503, json(first).path("code").asInt());
    assertEquals(503, second.statusCode());
    assertEquals(400, oauth.statusCode(), "only paths under the prefix");
    assertEquals(200, third.statusCode());
    zoom.control().serverErrors(1, 500, "/");
    assertEquals(500, zoom.get("/v2/users/me", token).statusCode());
    assertThrows(IllegalArgumentException.class, () -> zoom.control().serverErrors(1, 404, "/"));
  }

  @Test
  void theControlAnswersOverHttpAndIsNeverFaulted() {
    zoom.control().dropConnections(5, "/");

    HttpResponse<String> changed = zoom.send("POST", "/_sandbox/control", null, """
        {"serverErrors": {"count": 1, "status": 502, "pathPrefix": "/v2"},
         "accessTokenLifetimeSeconds": 60, "rateLimits": {"light": 7}, "dailyMeetingWriteLimit": 3,
         "autoApprove": false, "signedInUser": "grace@sandbox.patchbay.dev", "clearFaults": false}""");

    assertEquals(200, changed.statusCode(), changed::body);
    JsonNode state = json(changed);
    assertEquals(60, state.path("settings").path("accessTokenLifetimeSeconds").asInt());
    assertEquals(7, state.path("settings").path("rateLimits").path("light").asInt());
    assertEquals(3, state.path("settings").path("dailyMeetingWriteLimit").asInt());
    assertEquals(1, state.path("faults").path("serverErrors").path("count").asInt());
    assertEquals(502, state.path("faults").path("serverErrors").path("status").asInt());
    assertEquals(5, state.path("faults").path("dropConnections").path("count").asInt());
    assertEquals(zoom.sandbox.baseUrl(), state.path("baseUrl").asString());
    assertEquals(SandboxApp.OPERATOR.clientId(), state.path("connections").path("oauth").path("clientId").asString());
    assertEquals("pbxSandboxAccount00001",
        state.path("connections").path("server-to-server").path("accountId").asString());
    assertEquals(2, state.path("users").size());

    HttpResponse<String> cleared = zoom.send("POST", "/_sandbox/control", null,
        "{\"clearFaults\": true, \"expireAccessTokens\": true, \"startMeeting\": 81000000002,"
            + " \"revokeApp\": {\"user\": \"ada@sandbox.patchbay.dev\", \"clientId\": \"PbxSandboxOwnApp0001\"}}");
    assertEquals(200, cleared.statusCode(), cleared::body);
    assertEquals(0, json(cleared).path("faults").path("dropConnections").path("count").asInt());
    assertEquals("{\"code\":124,\"message\":\"Access token is expired.\"}", zoom.get("/v2/users/me", token).body());
    HttpResponse<String> unknown = zoom.send("POST", "/_sandbox/control", null, "{\"explode\": true}");
    assertEquals(400, unknown.statusCode());
    assertEquals("unknown control key: explode", json(unknown).path("error").asString());
    HttpResponse<String> badUser = zoom.send("POST", "/_sandbox/control", null, "{\"signedInUser\": \"nobody\"}");
    assertEquals(400, badUser.statusCode());
  }

  @Test
  void requestCountsAreExposed() {
    zoom.get("/v2/users/me", token);
    zoom.get("/v2/users/me", token);

    assertEquals(2, zoom.control().requestCount("/v2/users/me"));
    assertEquals(1, zoom.control().tokenRequestCount("authorization_code"));
    assertEquals("{\"count\":2}", zoom.get("/_sandbox/requests?pathPrefix=/v2", null).body());
    assertEquals("{\"count\":1}", zoom.get("/_sandbox/requests?grantType=authorization_code", null).body());
  }
}
