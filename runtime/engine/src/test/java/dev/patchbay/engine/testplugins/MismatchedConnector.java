package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.util.Map;

/** Claims the echo definition but implements a different operation set than it declares. */
public class MismatchedConnector implements Connector {

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.shout", context -> context.input());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of("token", http -> new ConnectionIdentity("a", "u", "n", null));
  }
}
