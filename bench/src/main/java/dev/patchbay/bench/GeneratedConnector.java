package dev.patchbay.bench;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connector for generated benchmark plugins: its id comes from the plugin it is packed into
 * ({@code generated-connector.id}), and it implements every operation and auth type of that plugin's definition,
 * so each generated plugin passes the same load-time checks as a real one.
 */
public final class GeneratedConnector implements Connector {

  static final String ID_RESOURCE = "generated-connector.id";

  private final String id;
  private final Map<String, Activity> activities = new LinkedHashMap<>();
  private final Map<String, AuthHandler> authHandlers = new LinkedHashMap<>();

  public GeneratedConnector() {
    id = read(ID_RESOURCE).trim();
    JsonNode definition = JsonMapper.builder().build().readTree(read("connectors/" + id + ".json"));
    Activity echo = context -> context.input();
    AuthHandler identity = http -> new ConnectionIdentity("account", "user", "Generated", null);
    definition.path("operations").forEach(op -> activities.put(op.path("id").asString(), echo));
    definition.path("authTypes").forEach(type -> authHandlers.put(type.path("id").asString(), identity));
  }

  private static String read(String resource) {
    try (InputStream in = GeneratedConnector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("generated plugin lacks " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Map<String, Activity> activities() {
    return activities;
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return authHandlers;
  }
}
