package dev.patchbay.engine.activities;

import dev.patchbay.api.Progress;
import dev.patchbay.engine.activities.http.HttpTimeouts;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.connections.Connection;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One activity to run: an operation of a connector, against a connection, with an input.
 *
 * @param tokens the connection's access tokens; only the HTTP layer ever reads them
 * @param input the input as the user gave it; defaults are applied to a copy ({@code null}: an empty object)
 * @param progress where downloads and long listings report progress
 * @param timeout the activity's deadline, counted from the start of {@link ActivityRunner#run}
 * @param httpTimeouts the timeouts of each request to the provider
 */
public record ActivityCall(
    String connectorId,
    String operationId,
    Connection connection,
    AccessTokens tokens,
    JsonNode input,
    Progress progress,
    Duration timeout,
    HttpTimeouts httpTimeouts) {

  /** How long an activity may take unless the call says otherwise; a large download may need more. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public ActivityCall {
    Objects.requireNonNull(connectorId, "connectorId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(tokens, "tokens");
    input = input == null ? JsonNodeFactory.instance.objectNode() : input;
    progress = progress == null ? Progress.NONE : progress;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    httpTimeouts = httpTimeouts == null ? HttpTimeouts.DEFAULTS : httpTimeouts;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** A call with no progress sink and the default timeouts. */
  public static ActivityCall of(
      String connectorId, String operationId, Connection connection, AccessTokens tokens, JsonNode input) {
    return new ActivityCall(connectorId, operationId, connection, tokens, input, null, null, null);
  }

  public ActivityCall withProgress(Progress sink) {
    return new ActivityCall(connectorId, operationId, connection, tokens, input, sink, timeout, httpTimeouts);
  }

  public ActivityCall withTimeout(Duration activityTimeout) {
    return new ActivityCall(connectorId, operationId, connection, tokens, input, progress, activityTimeout,
        httpTimeouts);
  }

  public ActivityCall withHttpTimeouts(HttpTimeouts timeouts) {
    return new ActivityCall(connectorId, operationId, connection, tokens, input, progress, timeout, timeouts);
  }

  /** {@code zoom/meetings.create}. */
  public String activityName() {
    return connectorId + "/" + operationId;
  }
}
