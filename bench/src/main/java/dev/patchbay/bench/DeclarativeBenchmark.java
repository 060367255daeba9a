package dev.patchbay.bench;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.PluginZipBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's {@code issues.get} run through the runtime against a local server, two ways in the same runtime and run:
 * declared (github.json's {@code http} block, no code) and written in Java (a plugin whose definition is the same
 * operation without the block, and whose activity sends the same request with {@code ConnectorHttp}). Both pay the
 * same runner (input and output validation, scope check, rate permit, retries, error mapping) and the same loopback
 * request; the difference is the declarative path's templating and output pointer against the Java code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class DeclarativeBenchmark {

  static final Path DEFINITIONS = Path.of(System.getProperty("connector.defs", "../connector-defs"));
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String INPUT = "{\"owner\":\"octocat\",\"repo\":\"Hello-World\",\"issueNumber\":1347}";

  private MockWebServer github;
  private PatchbayRuntime runtime;
  private Path home;
  private JsonNode input;

  @Setup(Level.Trial)
  public void start() throws Exception {
    // GitHub's 5,000 requests per hour would make every call wait for its permit: lifted for both connectors.
    ObjectNode definition = (ObjectNode) MAPPER.readTree(Files.readString(DEFINITIONS.resolve("github.json")));
    ObjectNode categories = definition.putObject("rateLimitCategories");
    for (String category : List.of("core", "search")) {
      categories.putObject(category).put("permits", 1_000_000).put("per", "second");
    }
    String issue = example(definition, "issues.get");
    String user = "{\"id\":1,\"login\":\"octocat\",\"email\":null}";
    github = new MockWebServer();
    // Without TCP_NODELAY on the server side, delayed ACKs make every loopback call about 40 ms.
    github.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    github.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getUrl().encodedPath().equals("/user") ? user : issue;
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
            .body(body).build();
      }
    });
    github.start();

    home = Files.createTempDirectory("patchbay-bench-declarative");
    Files.createDirectories(home.resolve("connectors"));
    Files.writeString(home.resolve("connectors/github.json"), definition.toString());
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    new PluginZipBuilder(JavaGitHub.ID)
        .extension(JavaGitHub.class)
        .withClass(JavaIssuesGet.class)
        .resource("connectors/" + JavaGitHub.ID + ".json", javaDefinition(definition).toString())
        .writeTo(plugins);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", Base64.getEncoder().encodeToString(key)))
        .pluginRoots(List.of(plugins))
        .start();
    for (String id : List.of("github", JavaGitHub.ID)) {
      if (runtime.catalog().connector(id).isEmpty()) {
        throw new IllegalStateException(id + " did not load: " + runtime.catalog().plugins());
      }
      runtime.connections().add(new NewConnection(id, "token", id, Map.of(), Map.of("token", Secret.of("t0k3n")),
          github.url("/").toString().replaceAll("/$", ""), null, null, null), null);
    }
    input = MAPPER.readTree(INPUT);
    // Both answer the same, or the comparison means nothing.
    JsonNode declared = declarativeIssuesGet().output();
    JsonNode java = javaIssuesGet().output();
    if (!declared.equals(java)) {
      throw new IllegalStateException("the two issues.get differ:\n" + declared + "\n" + java);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    runtime.close();
    github.close();
  }

  @Benchmark
  public ActivityResult declarativeIssuesGet() throws Exception {
    return runtime.activities().run("github/issues.get", "github", input);
  }

  @Benchmark
  public ActivityResult javaIssuesGet() throws Exception {
    return runtime.activities().run(JavaGitHub.ID + "/issues.get", JavaGitHub.ID, input);
  }

  private static String example(JsonNode definition, String operation) {
    for (JsonNode op : definition.path("operations")) {
      if (op.path("id").asString().equals(operation)) {
        return op.path("examples").get(0).path("output").toString();
      }
    }
    throw new IllegalStateException("github.json has no " + operation);
  }

  /** github.json as a plugin's definition: its token auth type and issues.get, without the http block. */
  private static JsonNode javaDefinition(JsonNode github) {
    ObjectNode definition = (ObjectNode) github.deepCopy();
    definition.put("id", JavaGitHub.ID);
    ArrayNode authTypes = definition.putArray("authTypes");
    github.path("authTypes").forEach(type -> {
      if (type.path("id").asString().equals("token")) {
        ObjectNode token = (ObjectNode) type.deepCopy();
        token.remove("identify");
        authTypes.add(token);
      }
    });
    ArrayNode operations = definition.putArray("operations");
    github.path("operations").forEach(op -> {
      if (op.path("id").asString().equals("issues.get")) {
        ObjectNode java = (ObjectNode) op.deepCopy();
        java.remove("http");
        java.remove("examples");
        operations.add(java);
      }
    });
    return definition;
  }
}
