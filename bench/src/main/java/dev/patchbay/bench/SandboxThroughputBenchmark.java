package dev.patchbay.bench;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoom sandbox request throughput (issue 5): {@code GET /v2/users/me} with a valid bearer token, answered by the Zoom
 * sandbox (started through {@code PatchbayRuntime.startSandbox}, the distribution's plugin, in this JVM), against
 * MockWebServer answering the very same body (the baseline: a server that does nothing but answer). Clients are
 * keep-alive OkHttp clients, one connection each, 1 or 8 at once; clients and server share the machine's 2 cores,
 * as they do when a benchmark or an end-to-end test uses the sandbox.
 *
 * <p>The sandbox's per-category rate limits (Zoom Pro: 30 light requests per second) are raised to 10^9 through its
 * control endpoint, so what is measured is how fast it serves, not Zoom's limit; every answer is checked to be a 200.
 * The token is a {@code server-to-server} token from the sandbox's own token endpoint ({@code account_credentials},
 * Basic client authentication), valid for an hour. Warm-up is long (15 s): with 8 clients and the server's threads
 * on 2 cores, the JIT compiler threads get little CPU and throughput climbs for about 15 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class SandboxThroughputBenchmark {

  BenchRuntime bench;
  RunningSandbox sandbox;
  MockWebServer mock;
  Request sandboxRequest;
  Request mockRequest;
  int bodyLength;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bench = BenchRuntime.start("patchbay-bench-sandbox");
    sandbox = bench.runtime.startSandbox("zoom", new SandboxOptions(0, null, null, true));
    OkHttpClient setup = new OkHttpClient();
    String origin = sandbox.baseUrl().substring(0, sandbox.baseUrl().length() - "/v2".length());
    post(setup, new Request.Builder().url(origin + "/_sandbox/control").post(RequestBody.create(
        "{\"rateLimits\":{\"light\":1000000000,\"medium\":1000000000}}", MediaType.get("application/json"))).build());

    Map<String, String> fields = sandbox.connectionFields("server-to-server");
    JsonNode token = JsonMapper.builder().build().readTree(post(setup, new Request.Builder().url(sandbox.tokenUrl())
        .header("Authorization", okhttp3.Credentials.basic(fields.get("clientId"), fields.get("clientSecret")))
        .post(new FormBody.Builder().add("grant_type", "account_credentials")
            .add("account_id", fields.get("accountId")).build())
        .build()));
    sandboxRequest = new Request.Builder().url(sandbox.baseUrl() + "/users/me")
        .header("Authorization", "Bearer " + token.path("access_token").asString()).get().build();

    String contentType;
    byte[] body;
    try (Response response = setup.newCall(sandboxRequest).execute()) {
      if (response.code() != 200) {
        throw new IllegalStateException("the sandbox answered /users/me with " + response.code());
      }
      contentType = response.header("Content-Type");
      body = response.body().bytes();
    }
    bodyLength = body.length;
    MockResponse same = new MockResponse.Builder().code(200).setHeader("Content-Type", contentType)
        .body(new okio.Buffer().write(body)).build();
    mock = new MockWebServer();
    mock.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    mock.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return same;
      }
    });
    mock.start();
    mockRequest = sandboxRequest.newBuilder().url(mock.url("/v2/users/me")).build();
  }

  private static String post(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      String text = response.body().string();
      if (response.code() != 200) {
        throw new IllegalStateException(request.url() + " answered " + response.code() + ": " + text);
      }
      return text;
    }
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() throws InterruptedException {
    while (mock.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
      // dropped
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sandbox.close();
    mock.close();
    bench.close();
  }

  /** One keep-alive client per benchmark thread: its own pool of one connection. */
  @State(Scope.Thread)
  public static class Client {
    OkHttpClient http;

    @Setup(Level.Trial)
    public void open() {
      http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES)).build();
    }

    @TearDown(Level.Trial)
    public void close() {
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }

    int get(Request request, int expectedLength) throws IOException {
      try (Response response = http.newCall(request).execute()) {
        byte[] body = response.body().bytes();
        if (response.code() != 200 || body.length != expectedLength) {
          throw new IOException("HTTP " + response.code() + ", " + body.length + " bytes");
        }
        return body.length;
      }
    }
  }

  @Benchmark
  public int mockWebServer_1(Client client) throws IOException {
    return client.get(mockRequest, bodyLength);
  }

  @Benchmark
  public int sandbox_1(Client client) throws IOException {
    return client.get(sandboxRequest, bodyLength);
  }

  @Benchmark
  @Threads(8)
  public int mockWebServer_8(Client client) throws IOException {
    return client.get(mockRequest, bodyLength);
  }

  @Benchmark
  @Threads(8)
  public int sandbox_8(Client client) throws IOException {
    return client.get(sandboxRequest, bodyLength);
  }
}
