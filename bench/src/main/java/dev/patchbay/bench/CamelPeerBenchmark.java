package dev.patchbay.bench;

import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.activities.http.HttpClients;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Patchbay beside what a Java user would pick instead (issue 18): the same {@code GET /v2/users/me} (a 1 KB Zoom
 * user) from the same server, through
 * <ul>
 *   <li>{@code raw}: OkHttp 5 and Jackson 3, the answer parsed into a tree (the baseline);
 *   <li>{@code camelTemplate}: Apache Camel 4, a {@code ProducerTemplate} sending to the {@code http} component
 *       (Apache HttpClient 5), the body as bytes;
 *   <li>{@code camelRoute}: a Camel route as integrations are written, {@code direct:} → bearer header → {@code http}
 *       → {@code unmarshal().json()} (Jackson 2) into a map;
 *   <li>{@code patchbay}: {@code zoom/users.getCurrent} by connection name through {@code Activities.run}, what
 *       {@code runtime.activities().run} does: connection lookup, input and output validation, scope check, rate
 *       permit, breaker, error mapping, the Zoom plugin loaded through PF4J.
 * </ul>
 * Each in its own fork, 1 and 16 callers, which sets up and checks only its own client: the Patchbay runtime's
 * process-wide {@code OkioTick} must not reach the others (they get their token from the server's token endpoint
 * themselves). The server ({@link FakeZoom}) runs in a child JVM
 * ({@link FakeZoomProcess}), so {@link ClientCpuProfiler}'s CPU per call is the client's alone; the primary measures
 * are that and {@code -prof gc}'s {@code gc.alloc.rate.norm} (allocation per call), which hold on a busy 2-core
 * machine where time per call does not. Patchbay's bucket is unthrottled as in {@link RunnerOverheadBenchmark}
 * (Zoom's Pro default, 30/s light, would measure the limiter's waits).
 *
 * <pre>
 * mvn -B -Pbench -pl bench exec:exec -Dexec.args='-cp %classpath org.openjdk.jmh.Main CamelPeer
 *     -prof gc -prof dev.patchbay.bench.ClientCpuProfiler -rf json -rff target/jmh-camel.json'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:-UseDynamicNumberOfCompilerThreads"})
public class CamelPeerBenchmark {

  static final String CONNECTION = "bench-s2s";

  FakeZoomProcess zoom;
  BenchRuntime bench;
  Activities activities;
  OkHttpClient rawClient;
  Request rawRequest;
  JsonMapper mapper;
  CamelContext camel;
  ProducerTemplate template;
  String camelUri;
  String bearer;
  ObjectNode emptyInput;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    if (params.getForks() < 1) {
      throw new IllegalStateException("run CamelPeerBenchmark forked (-f 1 or more): the Patchbay runtime's Okio tick "
          + "is the process's and would reach the other clients in one JVM");
    }
    String client = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1).replace("_16", "");
    zoom = FakeZoomProcess.start();
    mapper = JsonMapper.builder().build();
    if (client.equals("patchbay")) {
      bench = BenchRuntime.unthrottled("patchbay-bench-camel", Map.of());
      bench.addServerToServer(CONNECTION, zoom::url);
      activities = bench.runtime.activities();
      emptyInput = JsonNodeFactory.instance.objectNode();
    } else {
      rawClient = HttpClients.newSharedClient();
      bearer = "Bearer " + accessToken();
      rawRequest = new Request.Builder().url(zoom.url("/v2/users/me")).header("Authorization", bearer).get()
          .build();
    }

    camelUri = zoom.url("/v2/users/me");
    if (client.startsWith("camel")) {
      startCamel();
    }

    // The client must get the same user as the others before anything is measured.
    JsonNode expected = mapper.readTree(FakeZoom.USER_ME);
    JsonNode got = switch (client) {
      case "raw" -> raw();
      case "patchbay" -> patchbay().output();
      case "camelTemplate" -> mapper.readTree(camelTemplate());
      case "camelRoute" -> mapper.valueToTree(camelRoute());
      default -> throw new IllegalStateException("no client for benchmark " + params.getBenchmark());
    };
    if (!expected.equals(got)) {
      throw new IllegalStateException(client + " does not return the expected user: " + got);
    }
  }

  /** A server-to-server token, asked for as any client would. */
  private String accessToken() throws IOException {
    Request request = new Request.Builder().url(zoom.url("/oauth/token"))
        .header("Authorization", Credentials.basic(FakeZoom.CLIENT_ID, FakeZoom.CLIENT_SECRET))
        .post(new FormBody.Builder().add("grant_type", "account_credentials")
            .add("account_id", FakeZoom.ACCOUNT_ID).build())
        .build();
    try (Response response = rawClient.newCall(request).execute()) {
      return mapper.readTree(response.body().string()).path("access_token").asString();
    }
  }

  private void startCamel() throws Exception {
    camel = new DefaultCamelContext();
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:currentUser")
            .setHeader("Authorization", constant(bearer))
            .to(camelUri)
            .unmarshal().json(JsonLibrary.Jackson, Map.class);
      }
    });
    camel.start();
    template = camel.createProducerTemplate();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (camel != null) {
      camel.close();
    }
    if (bench != null) {
      bench.close();
    }
    zoom.close();
  }

  @Benchmark
  public JsonNode raw() throws IOException {
    try (Response response = rawClient.newCall(rawRequest).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return mapper.readTree(response.body().byteStream());
    }
  }

  @Benchmark
  public byte[] camelTemplate() {
    return template.requestBodyAndHeader(camelUri, null, "Authorization", bearer, byte[].class);
  }

  @Benchmark
  public Map<?, ?> camelRoute() {
    return template.requestBody("direct:currentUser", null, Map.class);
  }

  @Benchmark
  public ActivityResult patchbay() throws Exception {
    return activities.run("zoom/users.getCurrent", CONNECTION, emptyInput);
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public JsonNode raw_16() throws IOException {
    return raw();
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public byte[] camelTemplate_16() {
    return camelTemplate();
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public Map<?, ?> camelRoute_16() {
    return camelRoute();
  }

  @Benchmark
  @Threads(16)
  @Warmup(iterations = 40, time = 1)
  public ActivityResult patchbay_16() throws Exception {
    return patchbay();
  }
}
