package dev.patchbay.engine.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Runs activities by name against a named connection: the Java API behind {@code patchbay activity run}
 * ({@code runtime.activities().run("zoom/meetings.create", "work", input)}).
 */
public final class Activities {

  /** Activity names kept split; beyond this many distinct names a name is split on every call. */
  static final int MAX_KEPT_NAMES = 1024;

  private final ActivityRunner runner;
  private final Connections connections;
  /** The names callers ran, split: a process runs the same few again and again. */
  private final Map<String, ActivityName> names = new ConcurrentHashMap<>();

  /** {@code connector/operation}, split. */
  private record ActivityName(String connectorId, String operationId) {}

  public Activities(ActivityRunner runner, Connections connections) {
    this.runner = runner;
    this.connections = connections;
  }

  public ActivityResult run(String activity, String connectionName, JsonNode input) throws ActivityException {
    return run(activity, connectionName, input, Progress.NONE, ActivityCall.DEFAULT_TIMEOUT);
  }

  /**
   * @param activity {@code connector/operation}, e.g. {@code zoom/meetings.create}
   * @param timeout the whole activity's deadline, retries and waits included
   */
  public ActivityResult run(String activity, String connectionName, JsonNode input, Progress progress,
      Duration timeout) throws ActivityException {
    return run(activity, connectionName, input, progress, timeout, RequestAttempts.RUNNER);
  }

  /**
   * @param activity {@code connector/operation}, e.g. {@code zoom/meetings.create}
   * @param timeout the whole activity's deadline, retries and waits included
   * @param attempts how often each request may be sent: once when the caller retries whole activities
   */
  public ActivityResult run(String activity, String connectionName, JsonNode input, Progress progress,
      Duration timeout, RequestAttempts attempts) throws ActivityException {
    ActivityName name = split(activity);
    Connection connection;
    try {
      connection = connections.get(connectionName);
    } catch (ConnectorException e) {
      throw Failures.of(e);
    }
    return run(name, connection, input, progress, timeout, attempts);
  }

  /**
   * Runs with a connection looked up before ({@link Connections#get}), for a caller that runs many activities
   * with it; a change made to it since (its status, its limits) counts from the next lookup.
   *
   * @param activity {@code connector/operation}, e.g. {@code zoom/meetings.create}
   */
  public ActivityResult run(String activity, Connection connection, JsonNode input) throws ActivityException {
    return run(split(activity), connection, input, Progress.NONE, ActivityCall.DEFAULT_TIMEOUT,
        RequestAttempts.RUNNER);
  }

  private ActivityResult run(ActivityName name, Connection connection, JsonNode input, Progress progress,
      Duration timeout, RequestAttempts attempts) throws ActivityException {
    try {
      return runner.run(new ActivityCall(name.connectorId(), name.operationId(), connection,
          connections.tokens(connection), input, progress, timeout, null), attempts);
    } catch (ConnectorException e) {
      throw Failures.of(e);
    }
  }

  /** {@code connector/operation} split where the first slash is. */
  private ActivityName split(String activity) throws ActivityException {
    ActivityName known = names.get(activity);
    if (known != null) {
      return known;
    }
    int slash = activity.indexOf('/');
    if (slash <= 0 || slash == activity.length() - 1) {
      throw Failures.of(ErrorCode.INVALID_INPUT, "'" + activity + "' is not an activity name: write "
          + "connector/operation, e.g. zoom/meetings.create");
    }
    ActivityName name = new ActivityName(activity.substring(0, slash), activity.substring(slash + 1));
    if (names.size() < MAX_KEPT_NAMES) {
      names.put(activity, name);
    }
    return name;
  }
}
