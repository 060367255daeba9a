package dev.patchbay.engine.sandbox;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.Sandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.auth.Browser;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogLease;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.FieldValues;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector's sandbox started for one command: the emulator on loopback, and a connection to it authorized
 * through the real flow of the chosen auth type (for authorization code: the loopback redirect, with the sandbox
 * approving by itself). The user's own connections are never touched: sandbox connections live in a store of
 * their own.
 */
public final class SandboxSession implements AutoCloseable {

  private final RunningSandbox running;
  private final Connection connection;

  private SandboxSession(RunningSandbox running, Connection connection) {
    this.running = running;
    this.connection = connection;
  }

  /**
   * Starts the connector's sandbox. Its plugin stays loaded until the sandbox is closed, even when the plugin is
   * replaced or removed meanwhile: the sandbox's server runs plugin code.
   */
  public static RunningSandbox start(Catalog catalog, String connectorId, SandboxOptions options)
      throws ConnectorException {
    CatalogLease lease = catalog.lease(connectorId).orElseThrow(() -> new ConnectorException(
        ErrorCode.NOT_FOUND, "no connector '" + connectorId + "' in the catalog"));
    try {
      Sandbox sandbox = lease.entry().implementation().sandbox().orElseThrow(() -> new ConnectorException(
          ErrorCode.NOT_FOUND, "connector '" + connectorId + "' ships no sandbox"));
      return new LeasedSandbox(sandbox.start(options), lease);
    } catch (IllegalArgumentException e) {
      // Options the sandbox refuses (a seed it cannot use): the user's to change, said in the sandbox's words.
      lease.close();
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "the " + connectorId + " sandbox: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the " + connectorId + " sandbox did not start: " + e, e);
    } catch (ConnectorException e) {
      lease.close();
      throw e;
    }
  }

  /**
   * Starts the sandbox and connects to it.
   *
   * @param connections the sandbox's own connection store, whose operator app is the sandbox's
   */
  public static SandboxSession open(RunningSandbox running, Catalog catalog, String connectorId, String authTypeId,
      Connections connections, Browser browser) throws ConnectorException, InterruptedException {
    AuthTypeDefinition authType = catalog.connector(connectorId).flatMap(e -> e.definition().authType(authTypeId))
        .orElseThrow(() -> new ConnectorException(ErrorCode.INVALID_INPUT, "connector '" + connectorId
            + "' has no auth type '" + authTypeId + "'"));
    // The sandbox also gives the operator app's client for auth types that take no fields: only this auth type's
    // own fields are entered.
    Map<String, String> given = new LinkedHashMap<>(fieldsOf(running, authTypeId));
    given.keySet().retainAll(authType.fieldList().stream().map(FieldDefinition::name).toList());
    FieldValues fields = FieldValues.split(authType, given);
    Connection connection = connections.add(new NewConnection(connectorId, authTypeId, connectionName(connectorId),
        fields.plain(), fields.secrets(), running.baseUrl(), running.authorizeUrl(), running.tokenUrl(),
        running.revokeUrl()), browser);
    return new SandboxSession(running, connection);
  }

  /** The sandbox's fields for an auth type, as the plugin gives them. */
  public static Map<String, String> fieldsOf(RunningSandbox running, String authTypeId) throws ConnectorException {
    try {
      return running.connectionFields(authTypeId);
    } catch (RuntimeException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "the sandbox has no connection for auth type '"
          + authTypeId + "': " + e.getMessage());
    }
  }

  public static String connectionName(String connectorId) {
    return connectorId + "-sandbox";
  }

  public RunningSandbox running() {
    return running;
  }

  /** The connection to the sandbox. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    running.close();
  }
}
