package dev.patchbay.store.postgres.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four Patchbay processes (child JVMs) on one PostgreSQL store hammer one connection whose {@code light} limit is
 * 10/s, for 20 s: the provider, a counter standing in for one that counts per second of its clock and refuses the
 * twelfth request of a second with 429, sees at most 10 requests in any second (+1 for a permit falling on a
 * second's edge) and refuses none. The connector is GitHub's definition with its {@code core} category named {@code
 * light}.
 */
class SharedRateLimitTest {

  static final int LIMIT = 10;
  static final int PROCESSES = 4;
  static final int SECONDS = 20;

  @TempDir
  Path home;

  final MockWebServer provider = new MockWebServer();
  /** Requests per second of the provider's clock. */
  final ConcurrentSkipListMap<Long, AtomicInteger> perSecond = new ConcurrentSkipListMap<>();
  final AtomicInteger refused = new AtomicInteger();
  final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    provider.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/user")) {
          return json("{\"id\":1,\"login\":\"octocat\"}");
        }
        if (request.getUrl().encodedPath().startsWith("/repos/warm-up/")) {
          return json(REPOSITORY);
        }
        int count = perSecond.computeIfAbsent(Math.floorDiv(System.currentTimeMillis(), 1000),
            second -> new AtomicInteger()).incrementAndGet();
        if (count > LIMIT + 1) {
          refused.incrementAndGet();
          return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
        }
        return json(REPOSITORY);
      }
    });
    provider.start();
    Path connectors = Files.createDirectories(home.resolve("connectors"));
    Files.writeString(connectors.resolve("github.json"),
        Files.readString(Path.of(System.getProperty("connector.defs", "../../connector-defs"), "github.json"))
            .replace("\"core\"", "\"light\""));
    environment.putAll(PostgresServer.environment(PostgresServer.get().createDatabase()));
    environment.put("PATCHBAY_MASTER_KEY", "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=");
  }

  @AfterEach
  void tearDown() throws IOException {
    provider.close();
  }

  @Test
  void fourProcessesTogetherStayWithinTheConnectionsLimit() throws Exception {
    try (PatchbayRuntime runtime = runtime()) {
      runtime.connections().add(new NewConnection("github", "token", "hammered", Map.of(),
          Map.of("token", Secret.of("ghp_canary-token")), provider.url("/").toString(), null, null, null),
          new UnattendedBrowser(new OkHttpClient()));
      runtime.connections().setRateLimits("hammered", Map.of("light", RateLimit.perSecond(LIMIT)));
    }
    List<Process> workers = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        workers.add(start());
      }
      for (Process worker : workers) {
        awaitReady(worker);
      }
      for (Process worker : workers) {
        try (OutputStream go = worker.getOutputStream()) {
          go.write("go\n".getBytes(StandardCharsets.UTF_8));
        }
      }
      int sent = 0;
      for (Process worker : workers) {
        String report = finish(worker);
        assertTrue(report.contains(" failed 0"), "a process had failures:\n" + report);
        int sentByWorker = Integer.parseInt(report.replaceAll("(?s).*sent (\\d+) failed.*", "$1"));
        assertTrue(sentByWorker > 0, "every process got permits: " + report);
        sent += sentByWorker;
      }

      Map<Long, Integer> counts = new TreeMap<>();
      perSecond.forEach((second, count) -> counts.put(second, count.get()));
      assertEquals(0, refused.get(), "the provider refused none: " + counts);
      assertTrue(counts.values().stream().allMatch(count -> count <= LIMIT + 1),
          "at most " + LIMIT + " a second, +1 on an edge: " + counts);
      assertEquals(sent, counts.values().stream().mapToInt(Integer::intValue).sum(), "every request was counted");
    } finally {
      workers.forEach(Process::destroyForcibly);
    }
  }

  private PatchbayRuntime runtime() {
    return PatchbayRuntime.builder().home(new PatchbayHome(home)).environment(environment).start();
  }

  private Process start() throws IOException {
    // Lean JVMs (C1 only, one GC thread): four of them on two cores must not stall each other's requests for
    // longer than the limit's spacing, or requests permitted 100 ms apart reach the provider together.
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        RateLimitWorker.class.getName(), home.toString(), "hammered", String.valueOf(SECONDS), "4")
        .redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static void awaitReady(Process worker) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals("ready")) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("worker ended before it was ready:\n" + seen);
  }

  private static String finish(Process worker) throws Exception {
    if (!worker.waitFor(SECONDS + 120, TimeUnit.SECONDS)) {
      throw new AssertionError("worker did not finish");
    }
    String report = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, worker.exitValue(), report);
    return report;
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  static final String REPOSITORY = """
      {"id": 1296269, "name": "Hello-World", "full_name": "octocat/Hello-World", "private": false,
       "owner": {"login": "octocat", "id": 1, "type": "User", "html_url": "https://github.com/octocat"},
       "html_url": "https://github.com/octocat/Hello-World", "description": null, "default_branch": "main",
       "open_issues_count": 0, "visibility": "public"}
      """;
}
