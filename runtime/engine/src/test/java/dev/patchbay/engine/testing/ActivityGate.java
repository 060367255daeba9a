package dev.patchbay.engine.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a test hold a plugin's activity inside the plugin until it says so. Test plugins call {@link #pass}; this
 * class is never put into a plugin zip, so the plugin's class loader finds the test's copy and both share the gates.
 */
public final class ActivityGate {

  private static final Map<String, ActivityGate> GATES = new ConcurrentHashMap<>();
  private static final long WAIT_SECONDS = 60;

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  private ActivityGate() {}

  /** A closed gate; an activity that passes {@code name} waits at it. */
  public static ActivityGate close(String name) {
    ActivityGate gate = new ActivityGate();
    GATES.put(name, gate);
    return gate;
  }

  /** Called by plugin code: waits at the gate of that name, if a test closed one. */
  public static void pass(String name) throws InterruptedException {
    ActivityGate gate = GATES.get(name);
    if (gate == null) {
      return;
    }
    gate.entered.countDown();
    if (!gate.released.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened gate " + name);
    }
  }

  /** Waits until an activity is inside, held at this gate. */
  public void awaitEntered() throws InterruptedException {
    if (!entered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("no activity reached the gate");
    }
  }

  public void open() {
    released.countDown();
  }
}
