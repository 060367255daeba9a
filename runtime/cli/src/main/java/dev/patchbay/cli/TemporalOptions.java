package dev.patchbay.cli;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalUnavailableException;
import picocli.CommandLine.Option;

/** Where a Temporal service is, for the commands that work with runs on Temporal. */
final class TemporalOptions {

  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      description = "Run on this Temporal service (its frontend, e.g. localhost:7233) instead of this process")
  String target;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = TemporalSettings.DEFAULT_NAMESPACE,
      description = "The Temporal namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", defaultValue = TemporalSettings.DEFAULT_TASK_QUEUE,
      description = "The task queue workers poll (default: ${DEFAULT-VALUE})")
  String taskQueue;

  boolean enabled() {
    return target != null;
  }

  /** Connects to the service these options name; one that cannot be used is the user's to fix (exit 17). */
  TemporalConnection connect() {
    TemporalSettings settings = settings();
    try {
      return TemporalConnection.open(settings);
    } catch (TemporalUnavailableException e) {
      throw new UserException(ExitCode.of(ErrorCode.UPSTREAM_ERROR), e.getMessage());
    }
  }

  TemporalSettings settings() {
    if (!target.matches("[^\\s:/]+:\\d{1,5}")) {
      throw new UserException(ExitCode.USAGE, "--temporal takes HOST:PORT (the Temporal frontend, e.g. "
          + "localhost:7233), not '" + target + "'");
    }
    return TemporalSettings.of(target).withNamespace(namespace).withTaskQueue(taskQueue);
  }
}
