package dev.patchbay.api;

import java.util.Map;

/**
 * Provider specifics of one auth type. The host runs the OAuth protocol and keeps every secret; the handler only
 * says what differs from RFC 6749 for this provider and who a new connection belongs to.
 */
public interface AuthHandler {

  /**
   * Parameters of this auth type's token request beyond the standard ones, e.g. Zoom's server-to-server grant
   * ({@code grant_type=account_credentials}, {@code account_id}). The default adds none.
   *
   * @param publicFields the non-secret fields the user entered for the connection; secrets are never passed
   */
  default Map<String, String> tokenRequestParameters(Map<String, String> publicFields) {
    return Map.of();
  }

  /** Who a freshly authorized connection acts as, read from the provider right after connecting. */
  ConnectionIdentity identify(ConnectorHttp http) throws ConnectorException;
}
