package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.Connector;
import java.util.Map;

/** A connector whose constructor fails, as code linked against a missing library would. */
public class ExplodingConnector implements Connector {

  public ExplodingConnector() {
    throw new NoClassDefFoundError("com/example/MissingLibrary");
  }

  @Override
  public String id() {
    return "exploding";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of();
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of();
  }
}
