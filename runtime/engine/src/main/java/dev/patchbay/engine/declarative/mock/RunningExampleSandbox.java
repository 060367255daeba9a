package dev.patchbay.engine.declarative.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A started mock: answers on 127.0.0.1 the requests that carry its generated key, and 401 to the others, so a
 * connection's credentials are proven to reach the wire as the definition says.
 */
final class RunningExampleSandbox implements RunningSandbox {

  private final ConnectorDefinition definition;
  private final ExampleAnswers answers;
  private final String key = "sandbox-" + HexFormat.of().formatHex(randomBytes());
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "patchbay-mock-sandbox");
    thread.setDaemon(true);
    return thread;
  });

  RunningExampleSandbox(ConnectorDefinition definition, ExampleAnswers answers, int port) throws IOException {
    this.definition = definition;
    this.answers = answers;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public String authorizeUrl() {
    return null;
  }

  @Override
  public String tokenUrl() {
    return null;
  }

  @Override
  public String revokeUrl() {
    return null;
  }

  /** For a pasted-secret auth type: its secret fields get the mock's key, the other fields a sandbox value. */
  @Override
  public Map<String, String> connectionFields(String authTypeId) {
    AuthTypeDefinition authType = definition.authType(authTypeId).orElseThrow(() ->
        new IllegalArgumentException("connector '" + definition.id() + "' has no auth type '" + authTypeId + "'"));
    if (authType.kind().isOAuth()) {
      throw new IllegalArgumentException("the mock sandbox of " + definition.id() + " emulates no OAuth endpoints; "
          + "connect with " + String.join(" or ", pastedSecretAuthTypes(definition)));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (FieldDefinition field : authType.fieldList()) {
      fields.put(field.name(), field.secret() ? key : "sandbox");
    }
    return fields;
  }

  /** The auth types a mock sandbox connects with: those whose secret is pasted, not obtained through OAuth. */
  static List<String> pastedSecretAuthTypes(ConnectorDefinition definition) {
    return definition.authTypes().stream().filter(type -> !type.kind().isOAuth()).map(AuthTypeDefinition::id)
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      ExampleAnswers.Answer answer = carriesKey(exchange)
          ? answers.answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
              query(exchange.getRequestURI().getRawQuery()))
          : answers.error(401, "the request carries no credential of the mock sandbox");
      byte[] body = Json.MAPPER.writeValueAsBytes(answer.body());
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (answer.status() == 204) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private boolean carriesKey(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null && URLDecoder.decode(query, StandardCharsets.UTF_8).contains(key)) {
      return true;
    }
    for (List<String> values : exchange.getRequestHeaders().values()) {
      for (String value : values) {
        if (value.contains(key) || value.startsWith("Basic ") && basic(value).contains(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String basic(String header) {
    try {
      return new String(Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      query.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
