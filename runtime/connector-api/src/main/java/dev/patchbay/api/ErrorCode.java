package dev.patchbay.api;

/** Stable error codes a workflow can branch on. */
public enum ErrorCode {
  /** The input breaks the operation's input schema, or the provider rejected it as invalid. */
  INVALID_INPUT,
  /** The connection was not granted a scope the operation needs. */
  MISSING_SCOPE,
  /** The connection's authorization is gone (revoked, superseded, expired); the user must reconnect. */
  NEEDS_REAUTH,
  /** The provider refuses the action for this user or account (incl. admin pre-approval). */
  PERMISSION_DENIED,
  /** The resource does not exist. */
  NOT_FOUND,
  /** Too many requests for now; retry after the given delay. */
  RATE_LIMITED,
  /** A daily or plan cap is used up; retrying today will not help. */
  LIMIT_EXCEEDED,
  /** The activity's deadline passed. */
  TIMEOUT,
  /** The provider failed (5xx, broken connection, unexpected answer). */
  UPSTREAM_ERROR,
  /** The connector's output breaks the operation's output schema. */
  INVALID_OUTPUT,
  /** The plugin's code failed. */
  PLUGIN_ERROR
}
