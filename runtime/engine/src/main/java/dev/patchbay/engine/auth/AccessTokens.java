package dev.patchbay.engine.auth;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.secrets.Secret;

/**
 * The bearer tokens of one connection, as the HTTP layer sees them. Refreshing, rotation, locking and the store are
 * behind this interface; callers only ask for a token and report a rejection.
 */
public interface AccessTokens {

  /**
   * A token to send now, refreshed first when it is expired or about to be.
   *
   * @throws ConnectorException {@code NEEDS_REAUTH} when the connection's authorization is gone
   */
  Secret current() throws ConnectorException;

  /**
   * The token {@link #current} last returned or would return, as known without reading or refreshing anything; it
   * may have expired since. For building a request with it ahead of sending, when {@link #current} is asked again.
   *
   * @return null when none is known
   */
  default Secret lastKnown() {
    return null;
  }

  /**
   * The provider rejected {@code rejected} (HTTP 401): returns a token to retry with once. When another caller has
   * already replaced that token, returns the newer one without a new refresh.
   *
   * @throws ConnectorException {@code NEEDS_REAUTH} when no new token can be had
   */
  Secret refreshAfterRejection(Secret rejected) throws ConnectorException;

  /**
   * The provider answered that the connection's authorization is gone (an answer the definition's error rules map
   * to NEEDS_REAUTH, such as Slack's invalid_auth inside HTTP 200): the connection needs reauthorization from now
   * on. Tokens that keep no state forget it.
   */
  default void revoked(String reason) {
    // Nothing to remember.
  }
}
