package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.util.Map;

/** A well-behaved test connector matching definitions/echo.json. */
public class EchoConnector implements Connector {

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.echo", context -> context.input());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of("token", http -> new ConnectionIdentity("account", "user", "Echo User", null));
  }
}
