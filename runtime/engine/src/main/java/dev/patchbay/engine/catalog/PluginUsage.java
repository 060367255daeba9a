package dev.patchbay.engine.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the calls running in one loaded plugin, so that a replaced or removed plugin is unloaded only after the
 * last of them returned, never under a running activity.
 */
final class PluginUsage {

  private int running;
  private boolean retired;
  /** What runs once the plugin is retired and idle: its unloading, and whatever must end with it. */
  private List<Runnable> whenDone = new ArrayList<>();

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
    List<Runnable> done;
    synchronized (this) {
      running--;
      if (!retired || running > 0) {
        return;
      }
      done = takeWhenDone();
    }
    done.forEach(Runnable::run);
  }

  /** No new calls from now on; {@code onIdle} runs once the running ones have returned (at once if none runs). */
  void retire(Runnable onIdle) {
    addWhenDone(onIdle, true);
  }

  /**
   * Runs {@code action} once the plugin is retired and its last call has returned, when it is unloaded; at once if
   * that time has come already.
   */
  void whenDone(Runnable action) {
    addWhenDone(action, false);
  }

  private void addWhenDone(Runnable action, boolean retiring) {
    List<Runnable> done;
    synchronized (this) {
      retired |= retiring;
      whenDone.add(action);
      if (!retired || running > 0) {
        return;
      }
      done = takeWhenDone();
    }
    done.forEach(Runnable::run);
  }

  private List<Runnable> takeWhenDone() {
    List<Runnable> done = whenDone;
    whenDone = new ArrayList<>();
    return done;
  }
}
