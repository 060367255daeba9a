package dev.patchbay.engine.plugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which threads are running plugin code, so that a plugin calling {@code System.exit} is named in the log and
 * the call waiting for it gets an answer before the process ends. The JVM cannot stop a plugin from exiting (the
 * security manager that could is going away); what the host can do is not hang on it and say whose doing it was.
 */
public final class PluginExits {

  private static final Logger LOG = LoggerFactory.getLogger(PluginExits.class);
  private static final Map<Thread, Running> RUNNING = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(PluginExits::whoExits, "patchbay-plugin-exit-check"));
  }

  private PluginExits() {}

  /**
   * Plugin code running on one thread.
   *
   * @param pluginId the plugin
   * @param doing what it was asked to do, for the log ("starting", "messages.echo")
   * @param onExit what to do should it exit the process: typically answer the waiting caller
   */
  private record Running(String pluginId, String doing, Runnable onExit) {}

  /** Where the current thread stops running plugin code. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks the current thread as running {@code pluginId}'s code until the returned scope is closed. */
  public static Scope enter(String pluginId, String doing, Runnable onExit) {
    Thread thread = Thread.currentThread();
    Running previous = RUNNING.put(thread, new Running(pluginId, doing, onExit));
    return () -> {
      if (previous == null) {
        RUNNING.remove(thread);
      } else {
        RUNNING.put(thread, previous);
      }
    };
  }

  /** Runs in the shutdown: a thread inside plugin code that is also inside {@code Runtime.exit} is the culprit. */
  private static void whoExits() {
    RUNNING.forEach((thread, running) -> {
      if (exiting(thread)) {
        LOG.error("plugin {} called System.exit while {}: the process is stopping because of it", running.pluginId(),
            running.doing());
        running.onExit().run();
      }
    });
  }

  private static boolean exiting(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("exit") && (frame.getClassName().equals("java.lang.Runtime")
          || frame.getClassName().equals("java.lang.Shutdown"))) {
        return true;
      }
    }
    return false;
  }
}
