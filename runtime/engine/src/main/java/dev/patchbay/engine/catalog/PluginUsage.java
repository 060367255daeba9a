package dev.patchbay.engine.catalog;

/**
 * Counts the calls running in one loaded plugin, so that a replaced or removed plugin is unloaded only after the
 * last of them returned, never under a running activity.
 */
final class PluginUsage {

  private int running;
  private boolean retired;
  private Runnable whenIdle;

  /**
   * Counts one more call, unless the plugin is retired and idle: then it is being unloaded, and the caller must
   * look the connector up again.
   */
  synchronized boolean tryEnter() {
    if (retired && running == 0) {
      return false;
    }
    running++;
    return true;
  }

  void exit() {
    Runnable idle;
    synchronized (this) {
      running--;
      if (!retired || running > 0 || whenIdle == null) {
        return;
      }
      idle = whenIdle;
      whenIdle = null;
    }
    idle.run();
  }

  /** No new calls from now on; {@code onIdle} runs once the running ones have returned (at once if none runs). */
  void retire(Runnable onIdle) {
    synchronized (this) {
      retired = true;
      if (running > 0) {
        whenIdle = onIdle;
        return;
      }
    }
    onIdle.run();
  }
}
