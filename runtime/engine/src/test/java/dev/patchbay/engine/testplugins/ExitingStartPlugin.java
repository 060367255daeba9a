package dev.patchbay.engine.testplugins;

import org.pf4j.Plugin;

/** A plugin whose start() ends the process, as a careless "fatal error" branch would. */
public class ExitingStartPlugin extends Plugin {

  @Override
  public void start() {
    System.exit(42);
  }
}
