package dev.patchbay.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asserts that an object the test only references weakly is garbage-collected. Bound by collection attempts, not
 * by time, so a slow machine only makes the test slower. When the object survives, the failure tells the chain of
 * references from a GC root that keeps it alive, read from a heap dump left under {@code target/heap-dumps/}.
 */
public final class GarbageCollection {

  /**
   * Collections to try. A class loader and its classes go in the first full collection once nothing references
   * them; the many tries are for threads that are still ending, and for collectors that unload classes in concurrent
   * cycles (G1 with {@code -XX:+ExplicitGCInvokesConcurrent} needed 17).
   */
  private static final int ATTEMPTS = 100;
  private static final Path DUMPS = Path.of("target", "heap-dumps");

  private GarbageCollection() {}

  /**
   * Fails unless {@code reference} is cleared after some collections.
   *
   * @param what what the reference points to, for the failure message and the heap dump's name
   */
  public static void assertCollected(Reference<?> reference, String what) {
    for (int attempt = 0; attempt < ATTEMPTS && !reference.refersTo(null); attempt++) {
      System.gc();
      allocateGarbage();
      pause();
    }
    if (!reference.refersTo(null)) {
      fail(what + " was not garbage-collected after " + ATTEMPTS + " collections: something still references it. "
          + diagnosis(reference, what));
    }
  }

  /**
   * Fails if {@code reference} is cleared by the collections that would clear a leaked one: the check that the
   * test's own collections are not vacuous.
   */
  public static void assertNotCollected(Reference<?> reference, String what) {
    for (int attempt = 0; attempt < 3; attempt++) {
      System.gc();
      allocateGarbage();
    }
    if (reference.refersTo(null)) {
      fail(what + " was garbage-collected while still in use");
    }
  }

  /** Pressure that a collector which collects only when it must cannot ignore. */
  private static void allocateGarbage() {
    byte[][] chunks = new byte[64][];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = new byte[64 * 1024];
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a collection", e);
    }
  }

  /** Dumps the heap and reads from the dump what keeps the object alive. */
  private static String diagnosis(Reference<?> reference, String what) {
    try {
      Files.createDirectories(DUMPS);
      String name = what.replaceAll("[^A-Za-z0-9.-]+", "-") + "-" + ProcessHandle.current().pid() + ".hprof";
      Path dump = DUMPS.resolve(name).toAbsolutePath();
      Files.deleteIfExists(dump);
      Suspect.held = reference.get();
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
      } finally {
        Suspect.held = null;
      }
      return "What keeps it alive, from a GC root:\n"
          + HeapDumpPaths.pathToHeldObject(dump, Suspect.class.getName(), "held") + "\nHeap dump: " + dump;
    } catch (IOException | RuntimeException e) {
      return "No diagnosis: " + e;
    }
  }

  /** Holds the object that was not collected while the heap is dumped, which tells it from others of its kind. */
  private static final class Suspect {
    static Object held;
  }
}
