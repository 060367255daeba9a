package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import java.util.Map;

/** The echo connector whose activity ends the process. */
public class ExitingEchoConnector extends EchoConnector {

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.echo", context -> {
      System.exit(43);
      return context.input();
    });
  }
}
