package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_EMAIL;
import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Each of the sandbox's fault switches, and the Patchbay error it must surface as. */
class FaultSwitchesE2eTest {

  private static final String CONNECTION = "zoom-sandbox";
  private static final String MEETINGS = "/v2/users/me/meetings";

  @TempDir
  Path home;

  /** Sandbox mode with the operator app ({@code oauth}), and its control client. */
  private PatchbayRuntime sandboxRuntime() throws Exception {
    PatchbayRuntime runtime = E2e.runtime(home);
    runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
    return runtime;
  }

  @Test
  void adminPreApprovalRefusalAtConnectIsPermissionDeniedWithTheMarketplaceSteps() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home);
        RunningSandbox running = E2e.startSandbox(runtime)) {
      SandboxHttp sandbox = new SandboxHttp(running);
      sandbox.control("{\"adminPreApprovalRequired\":true}");

      ConnectorException refused = assertThrows(ConnectorException.class,
          () -> E2e.connect(runtime, running, "byo-oauth", "work"));

      assertEquals(ErrorCode.PERMISSION_DENIED, refused.code());
      assertEquals("access_denied", refused.providerCode().orElseThrow());
      String message = refused.getMessage();
      assertTrue(message.startsWith("could not connect: "), message);
      assertTrue(message.contains("Zoom App Marketplace"), message);
      assertTrue(message.contains("Manage \u2192 Permissions"), message);
      assertTrue(message.contains("pre-approve it for the users or groups"), message);
      assertEquals(0, sandbox.tokenRequests("authorization_code"), "no code to redeem");
      assertEquals(0, runtime.connections().list().connections().size(), "nothing stored");

      // A Server-to-Server app is not a user-authorized app: the admin switch does not concern it.
      Connection s2s = E2e.connect(runtime, running, "server-to-server", "account");
      assertEquals(ConnectionStatus.ACTIVE, s2s.status());
    }
  }

  @Test
  void anAdminWithdrawingPreApprovalLaterMakesTheConnectionNeedReauth() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      sandbox.control("{\"adminPreApprovalRequired\":true}");

      ActivityException disabled = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/users.getCurrent", CONNECTION, "{}");

      assertTrue(disabled.getMessage().contains("An account admin disabled this app"), disabled.getMessage());
      assertTrue(disabled.getMessage().contains("Zoom App Marketplace"), disabled.getMessage());
      assertEquals(1, sandbox.tokenRequests("refresh_token"));
      assertEquals(ConnectionStatus.NEEDS_REAUTH, runtime.connections().get(CONNECTION).status());
    }
  }

  @Test
  void theUserRemovingTheAppIsNeedsReauthAtTheNextRefreshAndTheConnectionIsMarked() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      run(runtime, "zoom/users.getCurrent", CONNECTION, "{}");
      sandbox.control("{\"revokeApp\":{\"user\":\"" + ADA_EMAIL + "\",\"clientId\":\"" + sandbox.clientId("oauth")
          + "\"}}");

      ActivityException revoked = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/meetings.list", CONNECTION, "{}");

      assertTrue(revoked.getMessage().contains("'" + CONNECTION + "'"), revoked.getMessage());
      assertEquals(1, sandbox.tokenRequests("refresh_token"), "the 124 made it refresh once, refused");
      Connection marked = runtime.connections().get(CONNECTION);
      assertEquals(ConnectionStatus.NEEDS_REAUTH, marked.status());
      assertTrue(marked.statusReason() != null && !marked.statusReason().isBlank());

      long before = sandbox.requests("/");
      ActivityException again = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/users.getCurrent", CONNECTION, "{}");
      assertEquals(marked.statusReason(), again.error().details().get(ActivityError.REASON));
      assertEquals(before, sandbox.requests("/"), "a connection marked NEEDS_REAUTH sends nothing");
    }
  }

  @Test
  void aServerErrorBurstOnAnIdempotentGetIsRetriedAndSucceeds() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      sandbox.control("{\"serverErrors\":{\"count\":2,\"status\":500,\"pathPrefix\":\"/v2/users/me\"}}");
      long before = sandbox.requestsTo("/v2/users/me");

      ActivityResult result = run(runtime, "zoom/users.getCurrent", CONNECTION, "{}");

      assertEquals(ADA_ID, result.output().path("id").asString());
      assertEquals(3, result.attempts());
      assertEquals(3, sandbox.requestsTo("/v2/users/me") - before);
    }
  }

  @Test
  void aServerErrorOnMeetingsCreateIsUpstreamErrorAndNotSentAgain() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      List<Long> before = meetingIds(runtime);
      sandbox.control("{\"serverErrors\":{\"count\":3,\"status\":503,\"pathPrefix\":\"" + MEETINGS + "\"}}");
      long creates = sandbox.requests(MEETINGS);

      ActivityException failed = fails(ErrorCode.UPSTREAM_ERROR, runtime, "zoom/meetings.create", CONNECTION,
          "{\"topic\":\"Never twice\"}");

      assertEquals(1, sandbox.requests(MEETINGS) - creates, "a non-idempotent create is sent exactly once");
      assertEquals(503, failed.error().details().get(ActivityError.HTTP_STATUS));
      sandbox.control("{\"clearFaults\":true}");
      assertEquals(before, meetingIds(runtime), "a 503 is not carried out");
    }
  }

  @Test
  void aDroppedConnectionIsRetriedForAGetButNeverReplayedForACreate() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      List<Long> before = meetingIds(runtime);

      sandbox.control("{\"dropConnections\":{\"count\":1,\"pathPrefix\":\"/v2/meetings/81000000002\"}}");
      ActivityResult got = run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":81000000002}");
      assertEquals("Design review", got.output().path("topic").asString());
      assertEquals(2, got.attempts());

      sandbox.control("{\"dropConnections\":{\"count\":1,\"pathPrefix\":\"" + MEETINGS + "\"}}");
      long creates = sandbox.requests(MEETINGS);
      ActivityException failed = fails(ErrorCode.UPSTREAM_ERROR, runtime, "zoom/meetings.create", CONNECTION,
          "{\"topic\":\"Dropped\"}");
      assertEquals(1, sandbox.requests(MEETINGS) - creates, "not replayed, not even by OkHttp's silent retry");
      assertTrue(failed.getMessage().contains("may or may not have been carried out"), failed.getMessage());
      assertEquals(before, meetingIds(runtime), "a dropped request had no effect");
    }
  }

  /** The create is carried out but its answer is lost: Patchbay must say so and not create a second meeting. */
  @Test
  void aLostResponseToACreateIsUpstreamErrorAndTheMeetingExistsOnce() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      List<Long> before = meetingIds(runtime);
      sandbox.control("{\"loseResponses\":{\"count\":1,\"pathPrefix\":\"" + MEETINGS + "\"}}");
      long creates = sandbox.requests(MEETINGS);

      ActivityException lost = fails(ErrorCode.UPSTREAM_ERROR, runtime, "zoom/meetings.create", CONNECTION,
          "{\"topic\":\"Answer lost\"}");

      assertTrue(lost.getMessage().contains("check whether it took effect"), lost.getMessage());
      assertEquals(1, sandbox.requests(MEETINGS) - creates);
      JsonNode listing = run(runtime, "zoom/meetings.list", CONNECTION, "{}").output();
      List<String> topics = new ArrayList<>();
      listing.path("meetings").forEach(m -> topics.add(m.path("topic").asString()));
      assertEquals(1, topics.stream().filter("Answer lost"::equals).count(), topics::toString);
      assertEquals(before.size() + 1, listing.path("meetings").size());
    }
  }

  /**
   * A refresh whose answer is lost: Zoom rotated the refresh token, Patchbay never saw the new one. The request is
   * not replayed (that would present a rotated-out token); the next attempt is refused and the connection is marked
   * NEEDS_REAUTH with the reason in words.
   */
  @Test
  void aLostRefreshResponseIsNotReplayedAndEndsInNeedsReauthWithTheReason() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      sandbox.control("{\"expireAccessTokens\":true,\"loseResponses\":{\"count\":1,\"pathPrefix\":\"/oauth/token\"}}");

      ActivityException first = fails(ErrorCode.UPSTREAM_ERROR, runtime, "zoom/users.getCurrent", CONNECTION, "{}");
      assertEquals(1, sandbox.tokenRequests("refresh_token"), "not replayed");
      assertTrue(first.getMessage().contains("may have reached the provider"), first.getMessage());

      ActivityException second = fails(ErrorCode.NEEDS_REAUTH, runtime, "zoom/users.getCurrent", CONNECTION, "{}");
      assertEquals(2, sandbox.tokenRequests("refresh_token"));
      assertTrue(second.getMessage().contains("refresh_response_lost"), second.getMessage());
      Connection marked = runtime.connections().get(CONNECTION);
      assertEquals(ConnectionStatus.NEEDS_REAUTH, marked.status());
      assertTrue(marked.statusReason().startsWith("refresh_response_lost"), marked.statusReason());
    }
  }

  @Test
  void latencyBeyondTheActivityTimeoutIsTimeout() throws Exception {
    try (PatchbayRuntime runtime = sandboxRuntime()) {
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      sandbox.control("{\"latencyMillis\":3000}");

      ActivityException slow = assertThrows(ActivityException.class, () -> runtime.activities().run(
          "zoom/users.getCurrent", CONNECTION, E2e.empty(), Progress.NONE, Duration.ofSeconds(1)));

      assertEquals(ErrorCode.TIMEOUT, slow.code(), slow::toString);
      assertEquals(2, sandbox.requestsTo("/v2/users/me"),
          "identify, then the activity sent once: no retry past the deadline");
    }
  }

  private static List<Long> meetingIds(PatchbayRuntime runtime) {
    List<Long> ids = new ArrayList<>();
    run(runtime, "zoom/meetings.list", CONNECTION, "{}").output().path("meetings")
        .forEach(m -> ids.add(m.path("id").asLong()));
    ids.sort(null);
    return ids;
  }
}
