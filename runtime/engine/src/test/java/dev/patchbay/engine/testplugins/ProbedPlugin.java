package dev.patchbay.engine.testplugins;

import dev.patchbay.engine.testing.LoaderProbe;
import org.pf4j.Plugin;

/** A plugin class that reports its class loader to the {@link LoaderProbe} when it is created. */
public class ProbedPlugin extends Plugin {

  public ProbedPlugin() {
    LoaderProbe.record(getClass().getClassLoader());
  }
}
