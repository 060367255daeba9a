package dev.patchbay.zoom.auth;

import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;

/**
 * The user-authorized auth types ({@code oauth} with the operator's app, {@code byo-oauth} with the user's own):
 * Zoom follows RFC 6749 there, so only the identity is Zoom-specific.
 */
public final class AuthorizationCodeHandler implements AuthHandler {

  @Override
  public ConnectionIdentity identify(ConnectorHttp http) throws ConnectorException {
    return ZoomIdentity.of(http);
  }
}
