package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * A runtime whose only connectors are bare definitions copied from connector-defs/ into its home's connectors
 * folder, a MockWebServer as the provider, and helpers to connect and run activities through the public API.
 */
final class DeclarativeWorld implements AutoCloseable {

  static final String MASTER_KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";
  /** Where the repository's connector definitions are, relative to the engine module. */
  static final Path DEFINITIONS = Path.of(System.getProperty("connector.defs", "../../connector-defs"));

  final MockWebServer server = new MockWebServer();
  final PatchbayRuntime runtime;

  DeclarativeWorld(Path home, String... definitions) {
    ((QueueDispatcher) server.getDispatcher()).setFailFast(new MockResponse.Builder().code(418)
        .body("the test queued no answer for this request").build());
    try {
      server.start();
      Files.createDirectories(home.resolve("connectors"));
      for (String definition : definitions) {
        Files.copy(DEFINITIONS.resolve(definition), home.resolve("connectors").resolve(definition));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", MASTER_KEY)).start();
    for (String definition : definitions) {
      String id = definition.replace(".json", "");
      if (runtime.catalog().connector(id).isEmpty()) {
        throw new IllegalStateException(definition + " did not load: " + runtime.catalog().plugins());
      }
    }
  }

  String baseUrl() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  /** Connects with a pasted secret; the provider's answer to the identify call must be queued first. */
  Connection connect(String connector, String authType, String name, String secretField, String secret)
      throws Exception {
    return runtime.connections().add(new NewConnection(connector, authType, name, Map.of(),
        Map.of(secretField, Secret.of(secret)), baseUrl(), null, null, null), null);
  }

  ActivityResult run(String activity, String connection, String input) throws Exception {
    return runtime.activities().run(activity, connection, json(input));
  }

  ActivityError failure(String activity, String connection, String input) {
    return assertThrows(ActivityException.class, () -> run(activity, connection, input)).error();
  }

  void respond(int status, String body, String... headers) {
    MockResponse.Builder response = new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json; charset=utf-8").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      response.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(response.build());
  }

  RecordedRequest request() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "expected a request to reach the server");
    return request;
  }

  /** The path and query of a request, as sent. */
  static String target(RecordedRequest request) {
    return request.getTarget();
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }

  static List<String> names(JsonNode array, String field) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(item -> item.path(field).asString()).toList();
  }

  @Override
  public void close() {
    runtime.close();
    server.close();
  }
}
