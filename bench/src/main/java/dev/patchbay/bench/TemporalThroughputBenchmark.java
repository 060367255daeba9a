package dev.patchbay.bench;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.Workflows;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.temporal.SealingPayloadCodec;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalRuns;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalUnavailableException;
import dev.patchbay.temporal.workflow.RunRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Patchbay on Temporal against the local engine (issue 15): one run of a workflow, timed whole (JMH single shot).
 * {@code fanOut}: a {@code forEach} of {@value #ELEMENTS} {@code zoom/users.getCurrent} calls, 8 at a time, for
 * activities per second; {@code sequence}: {@value #STEPS} such steps one after the other, for the latency one step
 * adds. {@code workers} 0 is the local engine ({@code Workflows}, in this JVM); 1, 2 and 4 are {@code patchbay worker}
 * processes (the CLI's own command, each a JVM of its own with 8 steps at once and runs cached as by default) polling
 * one task queue of Temporal's Java test server, which runs in a JVM of its own too (the service the multi-process
 * test uses: in memory, one process). Every process shares one Patchbay home: the Zoom plugin, the connection, its
 * run records. The connection's own rate limits are lifted to 10^9 a second in every category (stored with it, as
 * {@code patchbay connections set-limits} does, so every worker process keeps to them) and the Zoom sandbox's limits
 * are raised through its control endpoint: what is measured is the engines, not Zoom's 30 light requests a second.
 * Run records are written, as in production (local: the run journal; Temporal: a local activity per change,
 * coalesced).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class TemporalThroughputBenchmark {

  static final int ELEMENTS = 200;
  static final int STEPS = 20;
  private static final String QUEUE = "patchbay-bench";
  private static final RateLimit UNTHROTTLED = BenchRuntime.UNTHROTTLED;

  /** 0: the local engine; else Temporal workers. */
  @Param({"0", "1", "2", "4"})
  public int workers;

  BenchRuntime bench;
  RunningSandbox sandbox;
  Workflows local;
  Process temporalServer;
  TemporalConnection client;
  final List<Process> workerProcesses = new ArrayList<>();
  TemporalRuns runs;
  Path fanOut;
  Path sequence;
  Map<String, String> items;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bench = BenchRuntime.start("patchbay-bench-temporal");
    sandbox = bench.runtime.startSandbox("zoom", new SandboxOptions(0, null, null, true));
    String origin = sandbox.baseUrl().substring(0, sandbox.baseUrl().length() - "/v2".length());
    try (Response raised = new OkHttpClient().newCall(new Request.Builder().url(origin + "/_sandbox/control")
        .post(RequestBody.create("{\"rateLimits\":{\"light\":1000000000,\"medium\":1000000000}}",
            MediaType.get("application/json"))).build()).execute()) {
      if (!raised.isSuccessful()) {
        throw new IllegalStateException("the sandbox's limits were not raised: " + raised.code());
      }
    }
    Map<String, String> fields = sandbox.connectionFields("server-to-server");
    bench.runtime.connections().add(new NewConnection("zoom", "server-to-server", "zoom",
        Map.of("accountId", fields.get("accountId"), "clientId", fields.get("clientId")),
        Map.of("clientSecret", Secret.of(fields.get("clientSecret"))), sandbox.baseUrl(), null, sandbox.tokenUrl(),
        null), new UnattendedBrowser(new OkHttpClient()));
    bench.runtime.connections().setRateLimits("zoom", Map.of("light", UNTHROTTLED, "medium", UNTHROTTLED,
        "heavy", UNTHROTTLED, "resource-intensive", UNTHROTTLED));
    Path folder = Files.createDirectories(bench.home.resolve("workflows"));
    fanOut = Files.writeString(folder.resolve("fan-out.yaml"), """
        name: fan out
        inputs:
          items: {type: array}
        steps:
          - id: each
            activity: zoom/users.getCurrent
            forEach: "${inputs.items}"
            parallelism: 8
        """);
    StringBuilder steps = new StringBuilder("name: sequence\nsteps:\n");
    for (int i = 0; i < STEPS; i++) {
      steps.append("  - id: s").append(i).append("\n    activity: zoom/users.getCurrent\n");
    }
    sequence = Files.writeString(folder.resolve("sequence.yaml"), steps.toString());
    items = Map.of("items", IntStream.range(0, ELEMENTS).mapToObj(Integer::toString)
        .collect(Collectors.joining(",", "[", "]")));
    if (workers == 0) {
      local = bench.runtime.workflows();
      return;
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    temporalServer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.temporal.testserver.TestServer",
        String.valueOf(port)).redirectErrorStream(true)
        .redirectOutput(bench.home.resolve("temporal-test-server.log").toFile()).start();
    TemporalSettings settings = TemporalSettings.of("127.0.0.1:" + port).withTaskQueue(QUEUE);
    client = connect(settings);
    runs = new TemporalRuns(client.client(), settings);
    for (int i = 0; i < workers; i++) {
      workerProcesses.add(startWorker(port, i));
    }
  }

  /** {@code patchbay worker} in a JVM of its own, returned once it polls the task queue. */
  private Process startWorker(int port, int index) throws Exception {
    Path log = bench.home.resolve("worker-" + index + ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
        "dev.patchbay.cli.Main", "worker", "--home", bench.home.toString(), "--temporal", "127.0.0.1:" + port,
        "--task-queue", QUEUE, "--concurrency", "8")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("PATCHBAY_MASTER_KEY", bench.masterKey);
    Process worker = builder.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(log).contains("Worker polling task queue")) {
      if (!worker.isAlive() || System.nanoTime() > until) {
        worker.destroyForcibly();
        throw new IllegalStateException("worker " + index + " did not start polling: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return worker;
  }

  private TemporalConnection connect(TemporalSettings settings) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        // Payloads sealed as the CLI's workers and clients seal them.
        return TemporalConnection.open(settings, SealingPayloadCodec.converter(bench.runtime.sealing()));
      } catch (TemporalUnavailableException e) {
        if (System.nanoTime() > until) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    for (Process worker : workerProcesses) {
      worker.destroy();
      if (!worker.waitFor(60, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
    if (client != null) {
      client.close();
    }
    if (temporalServer != null) {
      temporalServer.destroyForcibly();
      temporalServer.waitFor(30, TimeUnit.SECONDS);
    }
    sandbox.close();
    bench.close();
  }

  @Benchmark
  public RunRecord fanOut() throws Exception {
    return run(fanOut, items);
  }

  @Benchmark
  public RunRecord sequence() throws Exception {
    return run(sequence, Map.of());
  }

  private RunRecord run(Path file, Map<String, String> inputs) throws Exception {
    RunRecord record;
    if (workers == 0) {
      record = local.run(file, inputs, Map.of("zoom", "zoom"), RunListener.NONE).record();
    } else {
      RunRequest request = runs.prepare(bench.runtime, file, inputs, Map.of("zoom", "zoom"),
          TemporalRuns.newRunId());
      runs.start(request, request.runId());
      record = runs.result(request.runId());
    }
    if (record.status() != RunStatus.SUCCEEDED) {
      throw new IllegalStateException("the run did not succeed: " + record.error());
    }
    return record;
  }
}
