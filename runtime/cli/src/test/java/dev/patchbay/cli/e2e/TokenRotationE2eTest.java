package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens expiring under running activities: the runtime refreshes exactly once (Zoom rotates the refresh
 * token on every refresh and revokes the whole family when an old one comes back), keeps the rotated refresh token in
 * the encrypted store, and does not refresh again while the new access token is good.
 */
class TokenRotationE2eTest {

  private static final int RACERS = 64;

  @TempDir
  Path home;

  /** The sandbox expires the token the runtime still believes in: Zoom's 124, one refresh, one retry. */
  @Test
  void aTokenRejectedMidRunIsRefreshedOnceAndTheCallRetried() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home)) {
      runtime.openSandbox("zoom", "byo-oauth", SandboxOptions.defaults());
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      Instant connectedAt = runtime.connections().get("zoom-sandbox").refreshedAt();
      sandbox.control("{\"expireAccessTokens\":true}");

      ActivityResult result = run(runtime, "zoom/users.getCurrent", "zoom-sandbox", "{}");

      assertEquals(ADA_ID, result.output().path("id").asString());
      assertEquals(2, result.attempts(), "the rejected request and the retry with the new token");
      assertEquals(1, sandbox.tokenRequests("refresh_token"));
      assertEquals(3, sandbox.requestsTo("/v2/users/me"), "identify, the rejected call, the retried call");
      Connection refreshed = runtime.connections().get("zoom-sandbox");
      assertEquals(ConnectionStatus.ACTIVE, refreshed.status());
      assertTrue(refreshed.refreshedAt().isAfter(connectedAt), "refreshedAt moves with the refresh");

      run(runtime, "zoom/users.getCurrent", "zoom-sandbox", "{}");
      run(runtime, "zoom/meetings.list", "zoom-sandbox", "{}");

      assertEquals(1, sandbox.tokenRequests("refresh_token"), "the new access token is used, not refreshed again");
      assertEquals(4, sandbox.requestsTo("/v2/users/me"));
    }
  }

  /**
   * A token that expires by its own lifetime is refreshed before it is sent (no 401 at all), once for 64 activities
   * racing on it; the rotated refresh token is in the store, so another runtime on the same home refreshes with it
   * later (with the rotated-out one, the sandbox would revoke the whole family).
   */
  @Test
  void anExpiredTokenIsRefreshedOnceFor64RacingActivitiesAndTheRotatedTokenIsStored() throws Exception {
    String key = E2e.masterKey();
    try (PatchbayRuntime runtime = E2e.runtime(home, key);
        RunningSandbox running = E2e.startSandbox(runtime)) {
      SandboxHttp sandbox = new SandboxHttp(running);
      sandbox.control("{\"accessTokenLifetimeSeconds\":2,\"rateLimits\":{\"light\":1000}}");
      E2e.connect(runtime, running, "byo-oauth", "work");
      // Tokens issued from now on (the refreshed one) live as long as Zoom's.
      sandbox.control("{\"accessTokenLifetimeSeconds\":3599}");
      long identifyCalls = sandbox.requestsTo("/v2/users/me");
      // Let the first access token expire on its own, with a margin so that the runtime (whose expiry time counts
      // from receiving the token) sees it expired too and does not send it.
      Thread.sleep(2_300);

      List<ActivityResult> results = race(runtime, "work");

      assertEquals(RACERS, results.size());
      results.forEach(result -> assertEquals(ADA_ID, result.output().path("id").asString()));
      results.forEach(result -> assertEquals(1, result.attempts(), "refreshed before sending: no 401"));
      assertEquals(1, sandbox.tokenRequests("refresh_token"));
      assertEquals(identifyCalls + RACERS, sandbox.requestsTo("/v2/users/me"));

      run(runtime, "zoom/users.getCurrent", "work", "{}");
      assertEquals(1, sandbox.tokenRequests("refresh_token"));

      // A second runtime on the same home and key: it has only the store to go by.
      try (PatchbayRuntime second = E2e.runtime(home, key)) {
        sandbox.control("{\"expireAccessTokens\":true}");

        ActivityResult after = run(second, "zoom/users.getCurrent", "work", "{}");

        assertEquals(ADA_ID, after.output().path("id").asString());
        assertEquals(2, sandbox.tokenRequests("refresh_token"));
        assertEquals(ConnectionStatus.ACTIVE, second.connections().get("work").status());
      }
    }
  }

  /** 64 activities all sent with a token the sandbox expired: 64 rejections, still exactly one refresh. */
  @Test
  void sixtyFourActivitiesRejectedTogetherShareOneRefresh() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home)) {
      runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
      SandboxHttp sandbox = E2e.sandboxOf(runtime);
      sandbox.control("{\"rateLimits\":{\"light\":1000}}");
      run(runtime, "zoom/users.getCurrent", "zoom-sandbox", "{}"); // warm up the plugin and the pool
      sandbox.control("{\"expireAccessTokens\":true}");

      List<ActivityResult> results = race(runtime, "zoom-sandbox");

      assertEquals(RACERS, results.size());
      results.forEach(result -> assertEquals(ADA_ID, result.output().path("id").asString()));
      assertEquals(1, sandbox.tokenRequests("refresh_token"));
      assertEquals(ConnectionStatus.ACTIVE, runtime.connections().get("zoom-sandbox").status());
    }
  }

  /** Runs users.getCurrent on {@link #RACERS} threads released together; every one must succeed. */
  private static List<ActivityResult> race(PatchbayRuntime runtime, String connection) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(RACERS);
    try {
      CountDownLatch ready = new CountDownLatch(RACERS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ActivityResult>> futures = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        futures.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return runtime.activities().run("zoom/users.getCurrent", connection, E2e.empty());
        }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      go.countDown();
      List<ActivityResult> results = new ArrayList<>();
      for (Future<ActivityResult> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

}
