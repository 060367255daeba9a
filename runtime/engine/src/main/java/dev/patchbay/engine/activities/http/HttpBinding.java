package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;

/**
 * What one activity's {@link ConnectionHttp} is bound to.
 *
 * @param operationName the operation's full name, {@code zoom/meetings.create}
 * @param bucket the connection's token bucket for the operation's rate-limit category
 */
public record HttpBinding(
    ConnectorDefinition definition,
    OperationDefinition operation,
    String operationName,
    Connection connection,
    AccessTokens tokens,
    RateLimitBucket bucket,
    Deadline deadline,
    HttpTimeouts timeouts) {

  /** The API base URL without a trailing slash: the connection's, which may override the definition's. */
  String baseUrl() {
    String base = connection.baseUrl() != null ? connection.baseUrl() : definition.baseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
