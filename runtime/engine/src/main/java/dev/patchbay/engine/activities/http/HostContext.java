package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import java.security.AccessController;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

/**
 * Runs host code that plugin code called as the host: with the host's context class loader in place of the plugin's,
 * and without the plugin's frames in what a new thread inherits.
 *
 * <p>A library that starts a thread lazily, on first use, hands that thread the context class loader of the thread
 * that started it and, on Java 17, the protection domains of every class on its stack (the thread's
 * {@code inheritedAccessControlContext}); a protection domain references its class loader. Okio's timeout watchdog
 * and OkHttp's task runner, first started by an activity's request, would each keep the plugin's class loader, and
 * so every class of the plugin, in memory after it was unloaded, for as long as they live.
 */
final class HostContext {

  private static final ClassLoader HOST = HostContext.class.getClassLoader();

  private HostContext() {}

  /** Host work that may fail the way a provider request does. */
  @FunctionalInterface
  interface HostWork<T> {
    T call() throws ConnectorException;
  }

  // doPrivileged is deprecated for removal, but it is the one way on Java 17 to keep the caller's protection domains
  // out of threads started below it; once it is gone, threads no longer inherit them either.
  @SuppressWarnings("removal")
  static <T> T call(HostWork<T> work) throws ConnectorException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(HOST);
    try {
      return AccessController.doPrivileged((PrivilegedExceptionAction<T>) work::call);
    } catch (PrivilegedActionException e) {
      // Only checked exceptions are wrapped, and the work throws no other.
      throw (ConnectorException) e.getException();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
