package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ACCOUNT_ID;
import static dev.patchbay.cli.e2e.E2e.ADA_EMAIL;
import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.GRACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Connecting with each of Zoom's auth types through its real flow against the sandbox (the loopback
 * authorization-code flow with PKCE for {@code oauth} and {@code byo-oauth}, {@code account_credentials} for
 * server-to-server), then running {@code users.getCurrent} with the connection.
 */
class ConnectEachAuthTypeE2eTest {

  @TempDir
  Path home;

  @ParameterizedTest
  @ValueSource(strings = {"oauth", "byo-oauth", "server-to-server"})
  void connectsAndRunsUsersGetCurrent(String authType) throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home)) {
      SandboxSession session = runtime.openSandbox("zoom", authType, SandboxOptions.defaults());
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      JsonNode described = sandbox.describe();
      String clientId = described.path("connections").path(authType).path("clientId").asString();

      Connection connection = session.connection();
      assertEquals("zoom-sandbox", connection.name());
      assertEquals(authType, connection.authTypeId());
      assertEquals(ConnectionStatus.ACTIVE, connection.status());
      assertEquals(scopes(described.path("settings").path("grantedScopes").path(clientId)),
          connection.grantedScopes());
      assertNotNull(connection.identity());
      // Every sign-in is approved as the account owner; a Server-to-Server app acts as the owner too.
      assertEquals(ADA_ID, connection.identity().userId());
      assertEquals(ACCOUNT_ID, connection.identity().accountId());
      assertEquals(ADA_EMAIL, connection.identity().email());
      assertEquals(described.path("users").get(0).path("id").asString(), connection.identity().userId());
      assertEquals(sandbox.origin() + "/v2", connection.baseUrl());
      assertEquals(authType.equals("server-to-server") ? 1 : 0, sandbox.tokenRequests("account_credentials"));
      assertEquals(authType.equals("server-to-server") ? 0 : 1, sandbox.tokenRequests("authorization_code"));

      ActivityResult me = E2e.run(runtime, "zoom/users.getCurrent", "zoom-sandbox", "{}");

      assertEquals(ADA_ID, me.output().path("id").asString());
      assertEquals(ADA_EMAIL, me.output().path("email").asString());
      assertEquals(ACCOUNT_ID, me.output().path("account_id").asString());
      assertEquals("Ada", me.output().path("first_name").asString());
      assertEquals(1, me.attempts());
      // One /users/me to identify the connection, one for the activity.
      assertEquals(2, sandbox.requestsTo("/v2/users/me"));
      assertEquals(0, sandbox.tokenRequests("refresh_token"));
    }
  }

  /**
   * The server-to-server app holds account-level (:admin) scopes, so it may read another user of the account; a
   * user-authorized app may not, and Zoom (the sandbox) says so with 4711, which Patchbay maps to MISSING_SCOPE.
   */
  @ParameterizedTest
  @ValueSource(strings = {"oauth", "server-to-server"})
  void readingAnotherUserNeedsAnAccountLevelApp(String authType) throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home)) {
      runtime.openSandbox("zoom", authType, SandboxOptions.defaults());

      if (authType.equals("server-to-server")) {
        JsonNode grace = E2e.run(runtime, "zoom/users.get", "zoom-sandbox",
            "{\"userId\":\"grace@sandbox.patchbay.dev\"}").output();
        assertEquals(GRACE_ID, grace.path("id").asString());
        assertEquals("Hopper", grace.path("last_name").asString());
      } else {
        var failure = E2e.fails(ErrorCode.MISSING_SCOPE, runtime, "zoom/users.get", "zoom-sandbox",
            "{\"userId\":\"grace@sandbox.patchbay.dev\"}");
        assertEquals("4711", failure.error().details().get("providerCode"), failure.error().details()::toString);
        assertEquals(1, E2e.sandboxOf(runtime).requests("/v2/users/grace"));
      }
    }
  }

  private static Set<String> scopes(JsonNode array) {
    Set<String> scopes = new HashSet<>();
    array.forEach(scope -> scopes.add(scope.asString()));
    return scopes;
  }
}
