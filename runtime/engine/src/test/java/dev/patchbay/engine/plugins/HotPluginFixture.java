package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityCall;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityRunner;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.catalog.PluginChange;
import dev.patchbay.engine.catalog.PluginRegistry;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.ActivityGate;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.GatedEchoConnector;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.Workflows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * A runtime over a temporary home whose plugins change while it runs: versioned echo plugins written as real zips,
 * every plugin change recorded, and echo calls through an activity runner over the runtime's catalog.
 */
final class HotPluginFixture implements AutoCloseable {

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final long WAIT_NANOS = 30_000_000_000L;
  private static final String ECHO_BASE_URL = "https://echo.example.test/v1";

  final Path home;
  final PatchbayRuntime runtime;
  final List<PluginChange> changes = new CopyOnWriteArrayList<>();
  final ActivityRunner runner;
  private final PluginRegistry.Subscription listening;

  HotPluginFixture(Path home) {
    this.home = home;
    this.runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start();
    this.listening = runtime.plugins().onChange(changes::add);
    this.runner = new ActivityRunner(runtime.catalog(), new OkHttpClient(), Clock.systemUTC(), Sleeper.system(),
        RateLimiters.withDefaults());
  }

  Path plugins() {
    return home.resolve("plugins");
  }

  /** The echo plugin at a version: its definition says that version and its activity answers with it. */
  static PluginZipBuilder echo(String version) {
    return new PluginZipBuilder("echo")
        .descriptor("plugin.version", version)
        .extension(GatedEchoConnector.class)
        .resource("release.txt", version)
        .resource("connectors/echo.json", Definitions.echoWith(d -> d.put("version", version)));
  }

  /** Runs echo/messages.echo and returns the text it answered. */
  String echoCall(String text) throws ActivityException {
    return answer(echo(text, ECHO_BASE_URL));
  }

  /** Runs echo/messages.echo over a connection to {@code baseUrl}, for echo plugins that make requests. */
  String echoCall(String text, String baseUrl) throws ActivityException {
    return answer(echo(text, baseUrl));
  }

  /** Runs echo/messages.echo with a deadline of {@code timeout}. */
  String echoCall(String text, Duration timeout) throws ActivityException {
    return answer(echo(text, ECHO_BASE_URL).withTimeout(timeout));
  }

  /** Asks the echo connector's auth handler who the echo connection acts as. */
  ConnectionIdentity identify() throws ActivityException {
    return runner.identify(connection(ECHO_BASE_URL), tokens());
  }

  private static ActivityCall echo(String text, String baseUrl) {
    JsonNode input = Json.MAPPER.readTree("{\"text\":\"" + text + "\"}");
    return ActivityCall.of("echo", "messages.echo", connection(baseUrl), tokens(), input);
  }

  private String answer(ActivityCall call) throws ActivityException {
    return runner.run(call).output().path("text").asString();
  }

  /**
   * Workflows over the runtime's catalog whose steps run through the fixture's runner, every connection name standing
   * for the echo connection; run records go to {@code runs}.
   */
  Workflows workflows(Path runs) {
    return Workflows.builder()
        .environment(WorkflowEnvironment.of(runtime.catalog(), name -> Optional.of(connection(ECHO_BASE_URL))))
        .invoker(step -> {
          try {
            return runner.run(ActivityCall.of(step.connectorId(), step.operationId(), connection(ECHO_BASE_URL),
                tokens(), step.input())).output();
          } catch (ActivityException e) {
            throw new ConnectorException(e.code(), e.getMessage());
          }
        })
        .runs(runs)
        .build();
  }

  /** Starts an echo call that waits inside the plugin at a gate, and returns once it is there. */
  CompletableFuture<String> callHeldInside(ActivityGate gate, String text) throws InterruptedException {
    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
      try {
        return echoCall(text);
      } catch (ActivityException e) {
        throw new CompletionException(e);
      }
    });
    gate.awaitEntered();
    return call;
  }

  private static Connection connection(String baseUrl) {
    return new Connection("conn-1", "work", "echo", "token", Set.of("messages:read"),
        new ConnectionIdentity("account", "user", "Echo User", null), baseUrl, null,
        "https://echo.example.test/oauth/token", null, Map.of(), ConnectionStatus.ACTIVE, null, START, START);
  }

  private static AccessTokens tokens() {
    return new AccessTokens() {
      @Override
      public Secret current() {
        return Secret.of("token");
      }

      @Override
      public Secret refreshAfterRejection(Secret rejected) {
        return Secret.of("token");
      }
    };
  }

  /** The plugin changes of one kind, in order. */
  List<PluginChange> changes(PluginChange.Kind kind) {
    return changes.stream().filter(change -> change.kind() == kind).toList();
  }

  /** Waits for a condition that another thread brings about; fails after a generous bound, never on timing. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still waiting for: " + what);
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    listening.close();
    runner.close();
    runtime.close();
  }
}
