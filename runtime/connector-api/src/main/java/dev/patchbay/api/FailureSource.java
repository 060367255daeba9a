package dev.patchbay.api;

/**
 * Where a {@link ConnectorException} came from: the provider's answer, no answer at all, the host refusing on its
 * own before or instead of sending, or the connector's code. A connector reacts differently to each: a provider
 * answer can be read ({@link ConnectorException#answer()}), a host refusal says nothing about the provider.
 */
public enum FailureSource {

  /** The provider answered with an error: {@link ConnectorException#answer()} holds its status, headers and body. */
  PROVIDER,

  /** No answer came: the connection could not be made or broke, or the provider did not answer in time. */
  NETWORK,

  /** The host could not get the connection a usable access token: a refresh was refused or failed. */
  TOKEN_REFRESH,

  /** The activity's deadline passed while the host waited (a retry's pause, a rate permit, a stop). */
  DEADLINE,

  /** The connection's rate limit had no request free before the deadline; nothing was sent. */
  RATE_PERMIT,

  /** The provider endpoint's circuit breaker is open after failures in a row; nothing was sent. */
  BREAKER,

  /** The connector's own code, or a check of the host before any request (a bad path, a bad base URL). */
  CONNECTOR;

  /** Whether the host raised it on its own, with no provider answer or network failure behind it. */
  public boolean fromHost() {
    return this == TOKEN_REFRESH || this == DEADLINE || this == RATE_PERMIT || this == BREAKER;
  }
}
