package dev.patchbay.server;

import static dev.patchbay.server.ZoomDeliveries.CANARY;
import static dev.patchbay.server.ZoomDeliveries.awaitEvent;
import static dev.patchbay.server.ZoomDeliveries.deliver;
import static dev.patchbay.server.ZoomDeliveries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two serve replicas on one database (issue 14): a Zoom delivery acknowledged by replica A, a child JVM killed with
 * SIGKILL while it processes the event, is processed by replica B once A's claim runs out; the provider's retry of
 * it to B is a duplicate, and B lists the event.
 */
class KilledReplicaTest {

  static final Duration LEASE = Duration.ofSeconds(2);
  static final String DOWNLOAD_TOKEN = "canary-download-token-41fe";

  @TempDir
  Path homeA;

  @TempDir
  Path homeB;

  @TempDir
  Path work;

  @Test
  void anEventAcknowledgedByAReplicaKilledRightAfterIsProcessedOnceByTheOther() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new HashMap<>(PostgresServer.environment(PostgresServer.get().createDatabase()));
    env.put("PATCHBAY_MASTER_KEY", Base64.getEncoder().encodeToString(key));
    Path entered = work.resolve("entered");
    Path log = work.resolve("replica-a.log");
    try (PatchbayRuntime b = runtime(homeB, env)) {
      b.webhookSecrets().set("zoom", Secret.of(CANARY));
      plugins(homeA);

      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), ReplicaMain.class.getName(), homeA.toString(),
          entered.toString(), String.valueOf(LEASE.toMillis()))
          .redirectError(log.toFile());
      builder.environment().putAll(env);
      Process a = builder.start();
      String eventId;
      try {
        Api apiA = new Api("http://127.0.0.1:" + port(a, log), "replica-token");
        String body = event("recording.completed", "acct-1", 1_700_000_000_456L,
            "{\"id\":7,\"download_token\":\"" + DOWNLOAD_TOKEN + "\"}");
        Instant signedAt = Instant.now();
        Api.Answer acknowledged = deliver(apiA, body, signedAt);
        assertEquals(200, acknowledged.status(), acknowledged.body());
        assertEquals("QUEUED", acknowledged.json().path("status").asString(), acknowledged.body());
        eventId = acknowledged.json().path("event").asString();
        awaitFile(entered, eventId);

        a.destroyForcibly();
        assertTrue(a.waitFor(30, TimeUnit.SECONDS), "replica A did not die");
        assertEquals(137, a.exitValue(), "killed with SIGKILL");

        ConcurrentLinkedQueue<String> processedByB = new ConcurrentLinkedQueue<>();
        try (PatchbayServer serverB = PatchbayServer.start(b, "token-b", ServerOptions.defaults().withPort(0)
            .withWebhooks(WebhookSettings.defaults().withLease(LEASE)), event -> {
              processedByB.add(event.id() + " " + event.event().body().path("payload").path("object")
                  .path("download_token").asString());
              return EventOutcome.of(EventStatus.NO_TRIGGER, "processed by replica B");
            })) {
          Api apiB = new Api("http://127.0.0.1:" + serverB.port(), "token-b");
          JsonNode record = awaitEvent(apiB, eventId, "NO_TRIGGER");
          assertEquals("processed by replica B", record.path("reason").asString());
          assertEquals(List.of(eventId + " " + DOWNLOAD_TOKEN), List.copyOf(processedByB),
              "B processed the event once, its body opened from the database");

          Api.Answer retried = deliver(apiB, body, signedAt);
          assertEquals(200, retried.status(), retried.body());
          assertEquals("DUPLICATE", retried.json().path("status").asString(), retried.body());
          assertEquals(eventId, retried.json().path("event").asString());
          JsonNode listed = apiB.get("/api/webhooks/events").json();
          assertEquals(1, listed.size(), listed.toString());
          assertEquals(eventId, listed.path(0).path("id").asString());
          assertEquals(1, listed.path(0).path("retries").asInt());
          assertEquals(1, processedByB.size(), "the retry was not processed");
        }
      } finally {
        a.destroyForcibly();
      }
    }
    assertFalse(Files.readString(log).contains(DOWNLOAD_TOKEN), "the download token is in replica A's log");
  }

  /** The port replica A prints once listening; what it logged is in {@code log} if it never does. */
  private static int port(Process replica, Path log) throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<String> line = reader.submit(() -> new BufferedReader(new InputStreamReader(replica.getInputStream(),
          StandardCharsets.UTF_8)).readLine());
      String first = line.get(60, TimeUnit.SECONDS);
      if (first == null || !first.startsWith("port=")) {
        throw new AssertionError("replica A did not start: " + first + "\n" + Files.readString(log));
      }
      return Integer.parseInt(first.substring("port=".length()));
    } finally {
      reader.shutdownNow();
    }
  }

  private static void awaitFile(Path file, String content) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).equals(content)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("replica A never started processing " + content);
  }

  private static PatchbayRuntime runtime(Path home, Map<String, String> env) throws Exception {
    plugins(home);
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).environment(env).start();
  }

  private static void plugins(Path home) throws Exception {
    Path zip = SandboxServer.zoomZip();
    Files.createDirectories(home.resolve("plugins"));
    Files.copy(zip, home.resolve("plugins").resolve(zip.getFileName()));
  }
}
