package dev.patchbay.engine.testing;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Where test plugins report the class loader they were loaded by, for a plugin that never reaches the catalog (its
 * checks or its {@code start()} failed), whose loader the test has no other way to get. Holds the loaders weakly, so
 * the probe itself keeps none alive. Like {@link ActivityGate}, never put into a plugin zip: plugins find the
 * test's copy.
 */
public final class LoaderProbe {

  private static final List<WeakReference<ClassLoader>> RECORDED = new ArrayList<>();

  private LoaderProbe() {}

  /** Called by plugin code. */
  public static synchronized void record(ClassLoader loader) {
    RECORDED.add(new WeakReference<>(loader));
  }

  /** Forgets what was recorded so far; call before loading the plugin to watch. */
  public static synchronized void forget() {
    RECORDED.clear();
  }

  /** The one loader recorded since {@link #forget()}. */
  public static synchronized WeakReference<ClassLoader> recorded() {
    if (RECORDED.size() != 1) {
      throw new IllegalStateException("expected one plugin to report its class loader, got " + RECORDED.size());
    }
    return RECORDED.get(0);
  }
}
