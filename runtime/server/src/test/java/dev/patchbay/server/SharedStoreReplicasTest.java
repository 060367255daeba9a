package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.EventHandler;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.server.access.BearerAuth;
import dev.patchbay.server.access.SharedApiToken;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers, each with its own home, on one PostgreSQL store and master key, as two replicas behind a load
 * balancer: one API token for both, a connection made through one listed, used and removed through the other, a
 * run through one listed and shown by the other.
 */
class SharedStoreReplicasTest {

  static final EventHandler NONE = event -> EventOutcome.of(EventStatus.NO_TRIGGER, "no triggers in this test");

  @TempDir
  Path homeA;

  @TempDir
  Path homeB;

  @Test
  void aConnectionMadeThroughOneReplicaIsUsedAndRemovedThroughTheOther() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new HashMap<>(PostgresServer.environment(PostgresServer.get().createDatabase()));
    env.put("PATCHBAY_MASTER_KEY", Base64.getEncoder().encodeToString(key));
    try (PatchbayRuntime a = runtime(homeA, env); PatchbayRuntime b = runtime(homeB, env);
        RunningSandbox sandbox = a.startSandbox("zoom", SandboxOptions.defaults())) {
      Map<String, String> fields = new LinkedHashMap<>(sandbox.connectionFields("server-to-server"));
      Secret secret = Secret.of(fields.remove("clientSecret"));
      a.connections().add(new NewConnection("zoom", "server-to-server", "shared", fields,
          Map.of("clientSecret", secret), sandbox.baseUrl(), null, sandbox.tokenUrl(), null),
          new UnattendedBrowser(new OkHttpClient()));
      SharedApiToken.Loaded first = new SharedApiToken(a.sharedStore().orElseThrow()).loadOrCreate();
      SharedApiToken.Loaded second = new SharedApiToken(b.sharedStore().orElseThrow()).loadOrCreate();
      assertTrue(first.created(), "the first replica makes the token and shows it");
      assertFalse(second.created(), "the second checks against the digest the first kept");
      try (PatchbayServer serverA = PatchbayServer.start(a, first.auth(), ServerOptions.defaults().withPort(0), NONE);
          PatchbayServer serverB = PatchbayServer.start(b, second.auth(), ServerOptions.defaults().withPort(0), NONE)) {
        Api apiA = new Api("http://127.0.0.1:" + serverA.port(), first.token());
        Api apiB = new Api("http://127.0.0.1:" + serverB.port(), first.token());
        assertEquals(401, new Api("http://127.0.0.1:" + serverB.port(), "not-the-token").get("/api/connections")
            .status());

        Api.Answer listed = apiB.get("/api/connections");
        assertEquals(200, listed.status(), listed.body());
        assertEquals("shared", listed.json().path("connections").path(0).path("name").asString(), listed.body());
        Api.Answer used = apiB.post("/api/activities/zoom/users.get",
            "{\"connection\":\"shared\",\"input\":{\"userId\":\"grace@sandbox.patchbay.dev\"}}");
        assertEquals(200, used.status(), used.body());
        Api.Answer ran = apiA.post("/api/runs", "{\"workflow\": {\"name\": \"grace\", \"connections\": {\"zoom\": "
            + "\"zoom\"}, \"steps\": [{\"id\": \"grace\", \"activity\": \"zoom/users.get\", \"input\": "
            + "{\"userId\": \"grace@sandbox.patchbay.dev\"}}]}, \"connections\": {\"zoom\": \"shared\"}}");
        assertEquals(200, ran.status(), ran.body());
        String runId = ran.json().path("id").asString();
        Api.Answer runs = apiB.get("/api/runs?limit=1");
        assertEquals(200, runs.status(), runs.body());
        assertEquals(runId, runs.json().path(0).path("id").asString(), "a run of replica A, listed by replica B");
        assertEquals("SUCCEEDED", apiB.get("/api/runs/" + runId).json().path("status").asString());
        assertEquals(0, apiB.get("/api/runs?offset=1").json().size());
        Api.Answer badPage = apiB.get("/api/runs?limit=-1");
        assertEquals(400, badPage.status(), badPage.body());
        assertTrue(badPage.body().contains("'limit' counts runs"), badPage.body());

        Api.Answer removed = apiB.delete("/api/connections/shared");
        assertEquals(200, removed.status(), removed.body());
        assertEquals(404, apiA.get("/api/connections/shared").status(), "gone for the other replica too");
      }
    }
  }

  @Test
  void aRotatedTokenReplacesTheOldOneForEveryReplicaAndTheStoreKeepsOnlyItsDigest() throws Exception {
    String url = PostgresServer.get().createDatabase();
    Map<String, String> env = new HashMap<>(PostgresServer.environment(url));
    env.put("PATCHBAY_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    try (PatchbayRuntime a = runtime(homeA, env); PatchbayRuntime b = runtime(homeB, env)) {
      String old = new SharedApiToken(a.sharedStore().orElseThrow()).loadOrCreate().token();
      String rotated = new SharedApiToken(b.sharedStore().orElseThrow()).rotate().token();
      SharedApiToken.Loaded restarted = new SharedApiToken(a.sharedStore().orElseThrow()).loadOrCreate();
      assertFalse(restarted.created());
      assertTrue(restarted.auth().matches(rotated));
      assertFalse(restarted.auth().matches(old));
      try (Connection session = PostgresServer.get().connect(url.substring(url.lastIndexOf('/') + 1));
          Statement statement = session.createStatement();
          ResultSet row = statement.executeQuery("SELECT digest FROM patchbay_api_token")) {
        assertTrue(row.next());
        assertArrayEquals(BearerAuth.digest(rotated), row.getBytes(1), "the digest, never the token");
      }
    }
  }

  private static PatchbayRuntime runtime(Path home, Map<String, String> env) throws Exception {
    Path zip = SandboxServer.zoomZip();
    Files.createDirectories(home.resolve("plugins"));
    Files.copy(zip, home.resolve("plugins").resolve(zip.getFileName()));
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).environment(env).start();
  }
}
