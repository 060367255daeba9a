package dev.patchbay.engine.testplugins;

import org.pf4j.Plugin;

/**
 * A plugin class that leaves a trace when a plugin class loader loads and initialises it: the system property
 * {@link #LOADED_BY} names that class loader. Tests read the constant, which the compiler copies, so the test's own
 * copy of this class is never initialised.
 */
public class LoadRecordingPlugin extends Plugin {

  public static final String LOADED_BY = "patchbay.test.load-recording-plugin.loaded-by";

  static {
    System.setProperty(LOADED_BY, LoadRecordingPlugin.class.getClassLoader().getClass().getName());
  }
}
