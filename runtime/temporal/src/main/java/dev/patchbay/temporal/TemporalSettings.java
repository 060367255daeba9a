package dev.patchbay.temporal;

import java.time.Duration;
import java.util.Objects;

/**
 * Where Patchbay's Temporal workflows run.
 *
 * @param target the Temporal frontend, {@code HOST:PORT}
 * @param namespace the Temporal namespace; {@code default} unless the cluster's operator gave another
 * @param taskQueue the queue that workers poll and runs are started on
 * @param heartbeatTimeout how long a running step may go without a heartbeat before Temporal gives it to another
 *     worker: how fast a dead worker's step moves on
 * @param access TLS and credentials of the connection
 */
public record TemporalSettings(String target, String namespace, String taskQueue, Duration heartbeatTimeout,
    TemporalAccess access) {

  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_TASK_QUEUE = "patchbay";
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  public TemporalSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(access, "access");
    if (heartbeatTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the heartbeat timeout must be at least 1 s: " + heartbeatTimeout);
    }
  }

  /** The defaults against {@code target}. */
  public static TemporalSettings of(String target) {
    return new TemporalSettings(target, DEFAULT_NAMESPACE, DEFAULT_TASK_QUEUE, DEFAULT_HEARTBEAT_TIMEOUT,
        TemporalAccess.PLAINTEXT);
  }

  public TemporalSettings withNamespace(String name) {
    return new TemporalSettings(target, name, taskQueue, heartbeatTimeout, access);
  }

  public TemporalSettings withTaskQueue(String queue) {
    return new TemporalSettings(target, namespace, queue, heartbeatTimeout, access);
  }

  public TemporalSettings withHeartbeatTimeout(Duration timeout) {
    return new TemporalSettings(target, namespace, taskQueue, timeout, access);
  }

  public TemporalSettings withAccess(TemporalAccess tlsAndCredentials) {
    return new TemporalSettings(target, namespace, taskQueue, heartbeatTimeout, tlsAndCredentials);
  }
}
