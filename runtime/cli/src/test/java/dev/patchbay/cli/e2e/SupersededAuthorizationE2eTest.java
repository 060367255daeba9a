package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_EMAIL;
import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zoom keeps one live authorization per user and app: a second sign-in of the same user with the same app revokes
 * the first. Who signed in is known only after the sign-in (issue 16, item 9), so Patchbay asks nothing before,
 * keeps the new connection, marks the older one NEEDS_REAUTH and says so; a connection superseded from elsewhere
 * (another home) learns it from Zoom at its next refresh.
 */
class SupersededAuthorizationE2eTest {

  @TempDir
  Path home;

  @TempDir
  Path otherHome;

  @Test
  void aSecondAuthorizationOfTheSameUserAndAppSupersedesTheFirstAndSaysSo() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home);
        RunningSandbox running = E2e.startSandbox(runtime)) {
      SandboxHttp sandbox = new SandboxHttp(running);
      Connection first = E2e.connect(runtime, running, "byo-oauth", "first");
      assertEquals(ADA_ID, first.identity().userId());
      run(runtime, "zoom/users.getCurrent", "first", "{}");

      Connection second = E2e.connect(runtime, running, "byo-oauth", "second");

      assertEquals(ConnectionStatus.ACTIVE, second.status());
      assertEquals(List.of("first"), runtime.connections().supersededBy(second).stream().map(Connection::name)
          .toList());
      String outcome = runtime.connections().outcome(second);
      assertTrue(outcome.contains("acts as") && outcome.contains(ADA_EMAIL) && outcome.contains("revoked the "
          + "authorization of 'first'") && outcome.contains("NEEDS_REAUTH"), outcome);
      assertEquals(ADA_ID, second.identity().userId());
      Connection superseded = runtime.connections().get("first");
      assertEquals(ConnectionStatus.NEEDS_REAUTH, superseded.status());
      assertTrue(superseded.statusReason().startsWith("superseded: connection 'second'"), superseded.statusReason());

      long apiCalls = sandbox.requests("/v2");
      long tokenCalls = sandbox.requests("/oauth");
      ActivityException needsReauth = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/users.getCurrent", "first", "{}");

      assertTrue(needsReauth.getMessage().contains("superseded"), needsReauth.getMessage());
      assertTrue(((String) needsReauth.error().details().get(ActivityError.REASON)).startsWith("superseded"));
      assertEquals(apiCalls, sandbox.requests("/v2"), "no request for a connection known to be superseded");
      assertEquals(tokenCalls, sandbox.requests("/oauth"));
      assertEquals(ADA_ID, run(runtime, "zoom/users.getCurrent", "second", "{}").output().path("id").asString());
    }
  }

  /**
   * The same user and app authorized from another Patchbay home: this home's connection is not marked, so the
   * sandbox's answers tell it: the API refuses its token (124), the refresh is refused as revoked, and the
   * connection becomes NEEDS_REAUTH with the supersede explanation.
   */
  @Test
  void aConnectionSupersededElsewhereLearnsItAtItsNextRefresh() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home);
        RunningSandbox running = E2e.startSandbox(runtime);
        PatchbayRuntime elsewhere = E2e.runtime(otherHome)) {
      SandboxHttp sandbox = new SandboxHttp(running);
      E2e.connect(runtime, running, "byo-oauth", "here");
      E2e.connect(elsewhere, running, "byo-oauth", "there");

      ActivityException superseded = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/users.getCurrent", "here", "{}");

      assertEquals(1, sandbox.tokenRequests("refresh_token"), "one refresh, refused");
      assertTrue(superseded.getMessage().contains("newer sign-in"), superseded.getMessage());
      Connection marked = runtime.connections().get("here");
      assertEquals(ConnectionStatus.NEEDS_REAUTH, marked.status());
      assertTrue(marked.statusReason().contains("newer sign-in"), marked.statusReason());
      assertEquals(ConnectionStatus.ACTIVE, elsewhere.connections().get("there").status());
      assertNull(elsewhere.connections().get("there").statusReason());
    }
  }
}
