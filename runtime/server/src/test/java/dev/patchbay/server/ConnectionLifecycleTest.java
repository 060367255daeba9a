package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.secrets.Secret;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections losing their authorization, lacking scopes, and removed over the API. */
class ConnectionLifecycleTest {

  private SandboxServer fixture;

  @BeforeEach
  void start() {
    fixture = SandboxServer.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void anOperationOutsideTheGrantedScopesIs403MissingScope() throws Exception {
    Map<String, String> fields = SandboxSession.fieldsOf(fixture.sandbox().running(), "server-to-server");
    fixture.control("{\"grantedScopes\":{\"" + fields.get("clientId") + "\":[\"user:read\"]}}");
    connectServerToServer("narrow", fields);

    Api.Answer answer = fixture.api.post("/api/activities/zoom/meetings.create",
        "{\"connection\":\"narrow\",\"input\":{\"topic\":\"x\"}}");
    assertEquals(403, answer.status(), answer.body());
    assertEquals("MISSING_SCOPE", answer.code());
    assertTrue(answer.json().path("details").path("requiredScopes").isArray(), answer.body());
    assertFalse(answer.body().contains(fields.get("clientSecret")));
  }

  @Test
  void aRevokedAuthorizationIs409NeedsReauth() throws Exception {
    Connection sandbox = fixture.sandbox().connection();
    String clientId = SandboxSession.fieldsOf(fixture.sandbox().running(), "oauth").get("clientId");
    fixture.control("{\"revokeApp\":{\"user\":\"" + sandbox.identity().email() + "\",\"clientId\":\"" + clientId
        + "\"},\"expireAccessTokens\":true}");

    Api.Answer answer = fixture.api.post("/api/activities/zoom/users.getCurrent", "{}");
    assertEquals(409, answer.status(), answer.body());
    assertEquals("NEEDS_REAUTH", answer.code());
    Api.Answer shown = fixture.api.get("/api/connections/" + sandbox.name());
    assertEquals("NEEDS_REAUTH", shown.json().path("status").asString(), shown.body());
    assertFalse(shown.json().path("statusReason").asString("").isEmpty());
  }

  @Test
  void deleteRevokesAndRemovesAConnection() {
    String name = fixture.sandboxConnection();
    Api.Answer answer = fixture.api.delete("/api/connections/" + name);
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.json().path("removed").asBoolean());
    assertEquals("revoked at the provider", answer.json().path("revocation").asString());
    assertEquals(404, fixture.api.get("/api/connections/" + name).status());
    Api.Answer again = fixture.api.delete("/api/connections/" + name);
    assertEquals(404, again.status());
    assertEquals("NOT_FOUND", again.code());
  }

  private void connectServerToServer(String name, Map<String, String> fields) throws Exception {
    var running = fixture.sandbox().running();
    fixture.runtime.connections().add(new NewConnection("zoom", "server-to-server", name,
        Map.of("accountId", fields.get("accountId"), "clientId", fields.get("clientId")),
        Map.of("clientSecret", Secret.of(fields.get("clientSecret"))), running.baseUrl(), running.authorizeUrl(),
        running.tokenUrl(), running.revokeUrl()), url -> {
          throw new IllegalStateException("server-to-server opens no browser");
        });
  }
}
