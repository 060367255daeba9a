package dev.patchbay.engine.connections;

import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.auth.OperatorApps;
import dev.patchbay.engine.auth.TokenEndpoint;
import dev.patchbay.engine.auth.TokenEndpointException;
import dev.patchbay.engine.auth.TokenResponse;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.CatalogLease;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.util.Map;

/**
 * New tokens for an existing connection: a refresh grant for authorization-code connections, a new client
 * credentials grant for the others. Knows where each connection's OAuth client comes from.
 */
final class TokenGrants {

  private final Catalog catalog;
  private final OperatorApps operatorApps;
  private final TokenEndpoint tokenEndpoint;

  TokenGrants(Catalog catalog, OperatorApps operatorApps, TokenEndpoint tokenEndpoint) {
    this.catalog = catalog;
    this.operatorApps = operatorApps;
    this.tokenEndpoint = tokenEndpoint;
  }

  /** The OAuth client of a connection. */
  OperatorApps.App client(Connection connection, Secret clientSecret) throws ConnectorException {
    AuthTypeDefinition authType = authType(connection);
    if (authType.clientCredentials() == AuthTypeDefinition.ClientCredentials.FIELDS) {
      return new OperatorApps.App(connection.publicFields().get("clientId"), clientSecret);
    }
    try {
      return operatorApps.app(connection.connectorId()).orElseThrow(() -> new ConfigurationException(
          "the operator's " + connection.connectorId() + " app (auth type " + authType.id() + ") is not configured: "
              + operatorApps.howToConfigure(connection.connectorId())));
    } catch (IOException e) {
      throw new ConfigurationException("the operator's " + connection.connectorId() + " app configuration cannot be "
          + "used: " + e.getMessage());
    }
  }

  /** Whether the connection carries its own OAuth client (bring your own app), rather than the operator's. */
  boolean clientIsTheConnections(Connection connection) throws ConnectorException {
    return authType(connection).clientCredentials() == AuthTypeDefinition.ClientCredentials.FIELDS;
  }

  /** Where the client credentials of a connection come from, for a message saying what to fix. */
  String clientSource(Connection connection) throws ConnectorException {
    if (clientIsTheConnections(connection)) {
      return "the Client ID and Client Secret given for connection '" + connection.name() + "'";
    }
    return "the operator's " + connection.connectorId() + " app (" + operatorApps.howToConfigure(
        connection.connectorId()) + ")";
  }

  /**
   * Fresh tokens for {@code stored}: refresh for authorization code, a new grant for client credentials.
   *
   * @throws ConnectorException NEEDS_REAUTH when an authorization-code connection has no refresh token
   */
  TokenResponse renew(StoredConnection stored) throws TokenEndpointException, ConnectorException {
    Connection connection = stored.connection();
    AuthTypeDefinition authType = authType(connection);
    if (!authType.kind().isOAuth()) {
      throw new RenewalImpossible("the provider rejected the pasted " + authType.secretField() + ", or it expired ("
          + authType.kind().wireName() + " credentials cannot be renewed); enter a new one: patchbay connections "
          + "reauth " + connection.name());
    }
    OperatorApps.App client = client(connection, stored.credentials().clientSecret());
    if (authType.kind() == AuthTypeDefinition.Kind.OAUTH2_CLIENT_CREDENTIALS) {
      return clientCredentials(connection, client);
    }
    Secret refreshToken = stored.credentials().refreshToken();
    if (refreshToken == null) {
      throw new RenewalImpossible("the provider rejected the access token or it expired, and the provider gave no "
          + "refresh token; reconnect (patchbay connections reauth " + connection.name() + ")");
    }
    return tokenEndpoint.refresh(connection.tokenUrl(), client.clientId(), client.clientSecret(), refreshToken);
  }

  TokenResponse clientCredentials(Connection connection, OperatorApps.App client)
      throws TokenEndpointException, ConnectorException {
    Map<String, String> parameters;
    // The lease keeps the plugin loaded while its code runs, should it be replaced or removed meanwhile.
    try (CatalogLease lease = catalog.lease(connection.connectorId())
        .orElseThrow(() -> notLoaded(connection))) {
      AuthHandler handler = lease.entry().implementation().authHandlers().get(connection.authTypeId());
      parameters = handler.tokenRequestParameters(connection.publicFields());
    } catch (RuntimeException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (LinkageError e) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the " + connection.connectorId() + " plugin failed "
          + "while preparing the token request: " + e);
    }
    return tokenEndpoint.clientCredentials(connection.tokenUrl(), client.clientId(), client.clientSecret(), parameters);
  }

  /** No new token can be had for the connection without the user: it needs reauthorization. */
  static final class RenewalImpossible extends ConnectorException {
    private static final long serialVersionUID = 1L;

    RenewalImpossible(String reason) {
      super(ErrorCode.NEEDS_REAUTH, reason);
    }
  }

  CatalogEntry entry(Connection connection) throws ConnectorException {
    return catalog.connector(connection.connectorId()).orElseThrow(() -> notLoaded(connection));
  }

  private static ConnectorException notLoaded(Connection connection) {
    return new ConnectorException(ErrorCode.PLUGIN_ERROR, "connection '" + connection.name() + "' is for connector "
        + connection.connectorId() + ", which is not loaded (see patchbay plugins list)");
  }

  AuthTypeDefinition authType(Connection connection) throws ConnectorException {
    return entry(connection).definition().authType(connection.authTypeId()).orElseThrow(() -> new ConnectorException(
        ErrorCode.PLUGIN_ERROR, "connector " + connection.connectorId() + " no longer has auth type "
            + connection.authTypeId() + "; reconnect with one of its auth types"));
  }
}
