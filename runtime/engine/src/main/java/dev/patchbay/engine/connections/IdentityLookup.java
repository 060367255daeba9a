package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.auth.AccessTokens;

/** Asks the provider who a just-authorized connection acts as (the connector's auth handler, over HTTP). */
@FunctionalInterface
public interface IdentityLookup {

  ConnectionIdentity identify(Connection connection, AccessTokens tokens) throws ConnectorException;
}
