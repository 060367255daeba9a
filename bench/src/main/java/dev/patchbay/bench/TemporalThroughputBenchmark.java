package dev.patchbay.bench;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.activities.Activities;
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
import dev.patchbay.temporal.TemporalWorker;
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
 * adds. {@code workers} 0 is the local engine ({@code Workflows}); 1, 2 and 4 are Temporal workers, each with its own
 * connection to the service and its own pollers, polling one task queue of Temporal's Java test server, which runs in
 * a JVM of its own (the service the multi-process test uses: in memory, one process). Workers run in this JVM,
 * on a runtime whose Zoom limits are lifted through its builder ({@link BenchRuntime#unthrottled}), and the Zoom sandbox's own limits are raised through its
 * control endpoint. Each worker runs 8 steps at once and caches runs as {@code patchbay worker} does by default (no
 * worker dies here; without the cache every workflow task replays the run's whole history). Run records are written, as in production (local: the run journal; Temporal: a local activity per
 * change, coalesced).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class TemporalThroughputBenchmark {

  static final int ELEMENTS = 200;
  static final int STEPS = 20;
  private static final String QUEUE = "patchbay-bench";

  /** 0: the local engine; else Temporal workers. */
  @Param({"0", "1", "2", "4"})
  public int workers;

  BenchRuntime bench;
  RunningSandbox sandbox;
  Activities activities;
  Workflows local;
  Process temporalServer;
  final List<TemporalConnection> connections = new ArrayList<>();
  final List<TemporalWorker> temporalWorkers = new ArrayList<>();
  TemporalRuns runs;
  Path fanOut;
  Path sequence;
  Map<String, String> items;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bench = BenchRuntime.unthrottled("patchbay-bench-temporal", Map.of());
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
    activities = bench.runtime.activities();
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
    TemporalConnection client = connect(settings);
    connections.add(client);
    runs = new TemporalRuns(client.client(), settings);
    for (int i = 0; i < workers; i++) {
      TemporalConnection own = connect(settings);
      connections.add(own);
      temporalWorkers.add(TemporalWorker.start(own.client(), QUEUE, activities, bench.runtime.workflows().records(), 8,
          TemporalWorker.DEFAULT_CACHED_RUNS));
    }
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
    temporalWorkers.forEach(TemporalWorker::close);
    connections.forEach(TemporalConnection::close);
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
