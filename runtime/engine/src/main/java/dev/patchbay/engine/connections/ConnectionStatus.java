package dev.patchbay.engine.connections;

/** Whether a connection can be used. */
public enum ConnectionStatus {
  /** Authorized: activities run with it. */
  ACTIVE,
  /** The authorization is gone (revoked, superseded, expired, disabled by an admin); the user must reconnect. */
  NEEDS_REAUTH
}
