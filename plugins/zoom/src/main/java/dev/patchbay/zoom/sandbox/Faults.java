package dev.patchbay.zoom.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The fault switches: each is off until a test or the runtime flips it through {@link SandboxControl}. */
final class Faults {

  /** A burst of the next {@code count} requests whose path starts with {@code pathPrefix}. */
  static final class Burst {
    private final AtomicInteger remaining;
    private final String pathPrefix;
    private final int status;

    Burst(int count, String pathPrefix, int status) {
      if (count < 0) {
        throw new IllegalArgumentException("a fault count cannot be negative: " + count);
      }
      this.remaining = new AtomicInteger(count);
      this.pathPrefix = pathPrefix == null ? "/" : pathPrefix;
      this.status = status;
    }

    /** True when this request is one of the burst (and counts it). */
    boolean take(String path) {
      if (!path.startsWith(pathPrefix)) {
        return false;
      }
      int left;
      do {
        left = remaining.get();
        if (left <= 0) {
          return false;
        }
      } while (!remaining.compareAndSet(left, left - 1));
      return true;
    }

    int remaining() {
      return remaining.get();
    }

    String pathPrefix() {
      return pathPrefix;
    }

    int status() {
      return status;
    }
  }

  private static final Burst NONE = new Burst(0, "/", 0);

  private volatile boolean adminPreApprovalRequired;
  private volatile Duration latency = Duration.ZERO;
  private volatile long downloadBytesPerSecond;
  private final AtomicReference<Burst> droppedConnections = new AtomicReference<>(NONE);
  private final AtomicReference<Burst> lostResponses = new AtomicReference<>(NONE);
  private final AtomicReference<Burst> serverErrors = new AtomicReference<>(NONE);

  boolean adminPreApprovalRequired() {
    return adminPreApprovalRequired;
  }

  void adminPreApprovalRequired(boolean required) {
    adminPreApprovalRequired = required;
  }

  Duration latency() {
    return latency;
  }

  void latency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency cannot be negative: " + latency);
    }
    this.latency = latency;
  }

  /** How fast recording files are sent; 0 for as fast as the connection goes. */
  long downloadBytesPerSecond() {
    return downloadBytesPerSecond;
  }

  void downloadBytesPerSecond(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("downloadBytesPerSecond cannot be negative: " + bytesPerSecond);
    }
    this.downloadBytesPerSecond = bytesPerSecond;
  }

  AtomicReference<Burst> droppedConnections() {
    return droppedConnections;
  }

  AtomicReference<Burst> lostResponses() {
    return lostResponses;
  }

  AtomicReference<Burst> serverErrors() {
    return serverErrors;
  }

  void clear() {
    adminPreApprovalRequired = false;
    latency = Duration.ZERO;
    downloadBytesPerSecond = 0;
    droppedConnections.set(NONE);
    lostResponses.set(NONE);
    serverErrors.set(NONE);
  }
}
