package dev.patchbay.bench;

import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.activities.http.HttpClients;
import dev.patchbay.engine.activities.http.HttpTimeouts;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runner overhead (issue 4): {@code zoom/users.getCurrent} through the whole activity pipeline — catalog lookup,
 * connection check, input defaults and validation, scope check, rate-limit permit, the Zoom plugin on a worker
 * thread, {@code ConnectionHttp} (error mapping, bearer token, attempt tracking, rate-limit feedback, JSON), output
 * validation — against a raw OkHttp GET of the same URL with the same bearer token from the same MockWebServer
 * ({@link FakeZoom}, a fixed 1 KB user).
 *
 * <p>The connection is a real Zoom {@code server-to-server} connection, created through
 * {@code Connections.add} against the fake token endpoint (token lifetime 24 h, so it never refreshes) and stored
 * encrypted in a temporary home; the plugin is the distribution's Zoom zip loaded through PF4J. The runtime's
 * builder sets Zoom's categories to 10^9 requests per second ({@code PatchbayRuntime.Builder.rateLimit}), so the
 * permit is taken but never waited for (Zoom's Pro default is 30/s).
 *
 * <ul>
 *   <li>{@code rawGet} (baseline): OkHttp GET, body read to bytes.
 *   <li>{@code rawGetParsed}: the same, body parsed into a Jackson tree (what any JSON client does anyway).
 *   <li>{@code runner}: {@code Activities.run("zoom/users.getCurrent", connection, {})} with the connection
 *       looked up once (its tokens cached by the runtime), so no lookup by name.
 *   <li>{@code activitiesByName}: {@code Activities.run("zoom/users.getCurrent", name, {})}, the Java API
 *       ({@code runtime.activities().run}): looks the connection up by name in the store first.
 * </ul>
 * {@code ..._16} run the same with 16 threads calling at once (one shared client / runner, as in a process).
 * Both the runner's client and the raw client are {@code HttpClients.newSharedClient()}, the client
 * {@code PatchbayRuntime} makes for itself, so both keep the same number of idle connections (the server's count of
 * accepted connections is printed at the end of each run).
 *
 * <p>{@code workerHandoff} is another diagnostic: the runner runs every plugin call on a worker thread of a cached
 * pool and waits for its {@code Future} (isolation and deadline); this is that pattern alone, with a task that does
 * nothing. {@code rawGetWithCallTimeout} is the raw GET with OkHttp's whole-call timeout set, as the runner sets one
 * on every request (its watchdog thread is woken when a call's timeout becomes the earliest), and
 * {@code rawGetWithCallTimeoutOnWorker} is that GET run on such a worker thread: the runner's floor, what isolation
 * and the call timeout cost with no pipeline at all.
 *
 * <p>Warm-up is long (15 s alone, 40 s with 16 callers) because with 16 callers and the server's threads on 2 cores,
 * the JIT compiler threads get little CPU: after 15 s the runner was still getting faster during measurement (2.2 ms
 * to 1.8 ms per call over five iterations), and a profile showed the compiler threads using a third of the CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class RunnerOverheadBenchmark {

  static final String CONNECTION = "bench-s2s";

  FakeZoom zoom;
  BenchRuntime bench;
  OkHttpClient rawClient;
  Request rawRequest;
  JsonMapper mapper;
  Activities activities;
  Connection connection;
  AccessTokens tokens;
  ObjectNode emptyInput;
  ExecutorService workers;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    zoom = new FakeZoom();
    bench = BenchRuntime.unthrottled("patchbay-bench-runner", Map.of());
    Connections connections = bench.runtime.connections();
    connection = bench.addServerToServer(CONNECTION, zoom::url);
    tokens = connections.tokens(connection);
    activities = bench.runtime.activities();
    workers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "bench-handoff");
      thread.setDaemon(true);
      return thread;
    });
    emptyInput = JsonNodeFactory.instance.objectNode();

    rawClient = HttpClients.newSharedClient();
    rawRequest = new Request.Builder().url(zoom.url("/v2/users/me"))
        .header("Authorization", "Bearer " + tokens.current().reveal()).get().build();
    mapper = JsonMapper.builder().build();

    // Both paths must get the same answer before anything is measured.
    JsonNode expected = mapper.readTree(FakeZoom.USER_ME);
    if (!expected.equals(runner().output()) || !expected.equals(activitiesByName().output())
        || !expected.equals(rawGetParsed()) || rawGet().length != FakeZoom.USER_ME.length()) {
      throw new IllegalStateException("the runner and the raw GET do not return the same user");
    }
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() throws InterruptedException {
    zoom.drainRecordedRequests();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\nconnections accepted by the server: " + zoom.connectionsAccepted());
    workers.shutdownNow();
    bench.close();
    zoom.close();
  }

  @Benchmark
  public byte[] rawGet() throws IOException {
    return read(rawClient.newCall(rawRequest));
  }

  @Benchmark
  public byte[] rawGetWithCallTimeout() throws IOException {
    Call call = rawClient.newCall(rawRequest);
    call.timeout().timeout(HttpTimeouts.DEFAULTS.call().toMillis(), TimeUnit.MILLISECONDS);
    return read(call);
  }

  @Benchmark
  public byte[] rawGetWithCallTimeoutOnWorker() throws Exception {
    return workers.submit(this::rawGetWithCallTimeout).get(5, TimeUnit.MINUTES);
  }

  private static byte[] read(Call call) throws IOException {
    try (Response response = call.execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return response.body().bytes();
    }
  }

  @Benchmark
  public JsonNode rawGetParsed() throws IOException {
    try (Response response = rawClient.newCall(rawRequest).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return mapper.readTree(response.body().byteStream());
    }
  }

  @Benchmark
  public ActivityResult runner() throws Exception {
    return activities.run("zoom/users.getCurrent", connection, emptyInput);
  }

  @Benchmark
  public ActivityResult activitiesByName() throws Exception {
    return activities.run("zoom/users.getCurrent", CONNECTION, emptyInput);
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public byte[] rawGet_16() throws IOException {
    return rawGet();
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public ActivityResult runner_16() throws Exception {
    return runner();
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public ActivityResult activitiesByName_16() throws Exception {
    return activitiesByName();
  }

  @Benchmark
  public Object workerHandoff() throws Exception {
    return workers.submit(() -> emptyInput).get(5, TimeUnit.MINUTES);
  }

  /**
   * The floor again, with a hand-off in which neither thread ever sleeps: one worker spins waiting for work and the
   * caller spins waiting for the answer. It shows what the two wake-ups of a sleeping hand-off cost, at the price of
   * two busy cores per call in flight; single caller only.
   */
  @Benchmark
  public byte[] rawGetWithCallTimeoutOnSpinningWorker(SpinningWorker spinningWorker) throws Exception {
    return spinningWorker.call(this::rawGetWithCallTimeout);
  }
}
