package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.Connector;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.testing.ActivityGate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The echo connector, in versions: answers {@code "<text> from <release.txt>"}, where {@code release.txt} is a
 * resource of the plugin zip, and waits at the {@link ActivityGate} named by the text first.
 */
public class GatedEchoConnector implements Connector {

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.echo", context -> {
      String text = context.input().path("text").asString();
      try {
        ActivityGate.pass(text);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectorException(ErrorCode.TIMEOUT, "interrupted at the gate");
      }
      return JsonNodeFactory.instance.objectNode().put("text", text + " from " + release());
    });
  }

  private String release() throws ConnectorException {
    try (InputStream in = getClass().getResourceAsStream("/release.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the plugin carries no release.txt");
    }
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of("token", http -> new ConnectionIdentity("account", "user", "Echo User", null));
  }
}
