package dev.patchbay.engine.activities;

import dev.patchbay.engine.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * One test's world: a MockWebServer as the provider, a runner over the relay catalog with a manual clock, a
 * recording sleeper and scripted tokens, and an active connection to the server with every relay scope.
 */
final class Harness implements AutoCloseable {

  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final Set<String> ALL_SCOPES = Set.of("things:read", "things:write", "files:read");

  final MockWebServer server = new MockWebServer();
  final MutableClock clock = new MutableClock(START);
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final FakeAccessTokens tokens;
  final ActivityRunner runner;
  Connection connection;

  Harness(Catalog catalog) {
    this(catalog, RateLimiters.withDefaults(), "token-1", "token-2");
  }

  Harness(Catalog catalog, RateLimiters rateLimiters, String... tokens) {
    // An unscripted request gets an immediate answer the test will not expect, instead of hanging until a timeout.
    ((QueueDispatcher) server.getDispatcher()).setFailFast(new MockResponse.Builder().code(418)
        .addHeader("Content-Type", "application/json")
        .body("{\"code\":\"unscripted\",\"message\":\"the test queued no answer for this request\"}").build());
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.tokens = new FakeAccessTokens(tokens);
    this.runner = new ActivityRunner(catalog, new OkHttpClient(), clock, sleeper, rateLimiters);
    this.connection = connection("conn-1", ALL_SCOPES, ConnectionStatus.ACTIVE, null);
  }

  Connection connection(String id, Set<String> scopes, ConnectionStatus status, String reason) {
    return connection(id, "work", "relay", scopes, status, reason);
  }

  Connection connection(String id, String name, String connectorId, Set<String> scopes, ConnectionStatus status,
      String reason) {
    return connection(id, name, connectorId, scopes, status, reason, server.url("/v1").toString());
  }

  /** The one place that knows the Connection record's shape. */
  static Connection connection(String id, String name, String connectorId, Set<String> scopes,
      ConnectionStatus status, String reason, String baseUrl) {
    return new Connection(id, name, connectorId, "token", scopes,
        new ConnectionIdentity("account", "user", "Relay User", null), baseUrl, null,
        "https://relay.example.test/oauth/token", null, Map.of(), status, reason, START, START);
  }

  static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }

  ActivityCall call(String operation, String input) {
    return ActivityCall.of("relay", operation, connection, tokens, json(input));
  }

  ActivityResult run(String operation, String input) throws ActivityException {
    return runner.run(call(operation, input));
  }

  ActivityError failure(ActivityCall call) {
    return assertThrows(ActivityException.class, () -> runner.run(call)).error();
  }

  ActivityError failure(String operation, String input) {
    return failure(call(operation, input));
  }

  /** Queues a JSON answer. */
  void respond(int status, String body) {
    server.enqueue(jsonResponse(status, body).build());
  }

  static MockResponse.Builder jsonResponse(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body);
  }

  /** The next request the server received; fails if none came. */
  RecordedRequest request() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request, "expected a request to reach the server");
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  @Override
  public void close() {
    runner.close();
    server.close();
  }
}
