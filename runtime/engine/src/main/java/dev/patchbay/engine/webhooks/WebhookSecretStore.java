package dev.patchbay.engine.webhooks;

import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * Where each connector's webhook secret token is kept, sealed under the master key and bound to the connector:
 * {@link WebhookSecrets} (files) or a shared database.
 */
public interface WebhookSecretStore {

  /** Sets (or replaces) the connector's secret token. */
  void set(String connectorId, Secret token) throws StoreException;

  /** The connector's secret token, if one is set; none for what is not a connector id. */
  Optional<Secret> get(String connectorId) throws StoreException;

  /** Removes the connector's secret token; false when none was set. */
  boolean remove(String connectorId) throws StoreException;

  /** The connectors that have a secret token, in order. */
  List<String> connectors() throws StoreException;

  /** The sealed value's associated name: a token sealed for one connector never opens as another's. */
  static String sealedName(String connectorId) {
    return "webhook-secret:" + connectorId;
  }
}
