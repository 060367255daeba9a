package dev.patchbay.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one connector call costs through a child process (the README's out-of-process design for untrusted
 * connectors) against running it in the host's JVM. Every variant carries the same call: operation id, a 1 KB JSON
 * input (a Zoom meeting), the per-call access token; the activity echoes the input.
 *
 * <ul>
 *   <li>{@code inProcess} (baseline): the activity called directly, the JSON tree handed over as is.
 *   <li>{@code inProcessOnWorker}: the same on another thread, waited for through its {@code Future}: the isolation
 *       the runner keeps today (RELIABILITY R24).
 *   <li>{@code childOverPipe}: the call serialised to a length-prefixed JSON frame, written to a child JVM's
 *       standard input, the answer frame read from its standard output and parsed.
 *   <li>{@code childOverLoopback}: the same over one loopback TCP connection (TCP_NODELAY) to a child JVM.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class OutOfProcessCallBenchmark {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ObjectNode call;
  private ExecutorService worker;
  private Process pipeChild;
  private DataOutputStream pipeOut;
  private DataInputStream pipeIn;
  private Process socketChild;
  private Socket socket;
  private DataOutputStream socketOut;
  private DataInputStream socketIn;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    call = MAPPER.createObjectNode();
    call.put("operation", "meetings.create");
    call.put("accessToken", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.access-token-of-about-this-length.signature");
    ObjectNode input = call.putObject("input");
    input.put("userId", "me");
    input.put("topic", "Weekly planning with the whole team, and the agenda in the description");
    input.put("type", 2);
    input.put("start_time", "2026-12-01T09:00:00Z");
    input.put("duration", 45);
    input.put("timezone", "Europe/Berlin");
    input.put("agenda", "x".repeat(600));
    ObjectNode settings = input.putObject("settings");
    settings.put("host_video", true);
    settings.put("participant_video", false);
    settings.put("join_before_host", false);
    settings.put("mute_upon_entry", true);
    settings.put("audio", "voip");
    settings.put("auto_recording", "cloud");
    worker = Executors.newCachedThreadPool();

    pipeChild = child("pipe").start();
    pipeOut = new DataOutputStream(new BufferedOutputStream(pipeChild.getOutputStream(), 64 * 1024));
    pipeIn = new DataInputStream(new BufferedInputStream(pipeChild.getInputStream(), 64 * 1024));

    socketChild = child("socket").start();
    int port = Integer.parseInt(new BufferedReader(new InputStreamReader(socketChild.getInputStream(),
        StandardCharsets.US_ASCII)).readLine().trim());
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socketOut = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    socketIn = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
  }

  private static ProcessBuilder child(String mode) {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), ChildConnectorHost.class.getName(), mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    worker.shutdownNow();
    pipeOut.close();
    socket.close();
    pipeChild.waitFor(10, TimeUnit.SECONDS);
    socketChild.waitFor(10, TimeUnit.SECONDS);
    pipeChild.destroyForcibly();
    socketChild.destroyForcibly();
  }

  @Benchmark
  public JsonNode inProcess() {
    return ChildConnectorHost.echo(call.get("input"));
  }

  @Benchmark
  public JsonNode inProcessOnWorker() throws Exception {
    return worker.submit(() -> ChildConnectorHost.echo(call.get("input"))).get();
  }

  @Benchmark
  public JsonNode childOverPipe() throws IOException {
    return roundTrip(pipeOut, pipeIn);
  }

  @Benchmark
  public JsonNode childOverLoopback() throws IOException {
    return roundTrip(socketOut, socketIn);
  }

  private JsonNode roundTrip(DataOutputStream out, DataInputStream in) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(call);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
    byte[] answer = new byte[in.readInt()];
    in.readFully(answer);
    return MAPPER.readTree(answer).get("output");
  }
}
