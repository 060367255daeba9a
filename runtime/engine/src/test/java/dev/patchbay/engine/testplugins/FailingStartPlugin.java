package dev.patchbay.engine.testplugins;

import org.pf4j.Plugin;

/** A plugin whose start() throws. */
public class FailingStartPlugin extends Plugin {

  @Override
  public void start() {
    throw new IllegalStateException("database of widgets is unreachable");
  }
}
