package dev.patchbay.engine.store;

import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a home's file store (connections, webhook secret tokens) into a shared store, sealed under the same master
 * key. Idempotent: what the target holds already is kept as it is, never overwritten, since the target's tokens
 * may have been refreshed since (writing the file's older refresh token back would break the connection); the
 * source is left untouched.
 */
public final class StoreCopy {

  /**
   * What a copy did.
   *
   * @param copied connection names and {@code webhook secret CONNECTOR} entries written to the target
   * @param kept those the target held already, left as they were
   * @param problems what could not be copied, each with its reason
   */
  public record Report(List<String> copied, List<String> kept, List<String> problems) {}

  private StoreCopy() {}

  public static Report copy(StoredConnections fromConnections, WebhookSecretStore fromSecrets,
      StoredConnections toConnections, WebhookSecretStore toSecrets) {
    List<String> copied = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ConnectionStore.Listing source = fromConnections.list();
    problems.addAll(source.problems());
    ConnectionStore.Listing target = toConnections.list();
    if (!target.problems().isEmpty()) {
      problems.addAll(target.problems());
    }
    Map<String, String> targetIdsByName = new HashMap<>();
    for (StoredConnection stored : target.connections()) {
      targetIdsByName.put(stored.connection().name(), stored.id());
    }
    for (StoredConnection stored : source.connections()) {
      String name = stored.connection().name();
      String there = targetIdsByName.get(name);
      if (stored.id().equals(there)) {
        kept.add(name);
      } else if (there != null) {
        problems.add("connection '" + name + "': the target has another connection of that name; rename one and "
            + "copy again");
      } else {
        try {
          toConnections.write(stored);
          copied.add(name);
        } catch (StoreException e) {
          problems.add("connection '" + name + "': " + e.getMessage());
        }
      }
    }
    try {
      for (String connector : fromSecrets.connectors()) {
        String entry = "webhook secret " + connector;
        try {
          Optional<Secret> token = fromSecrets.get(connector);
          if (toSecrets.get(connector).isPresent()) {
            kept.add(entry);
          } else if (token.isPresent()) {
            toSecrets.set(connector, token.get());
            copied.add(entry);
          }
        } catch (StoreException e) {
          problems.add(entry + ": " + e.getMessage());
        }
      }
    } catch (StoreException e) {
      problems.add(e.getMessage());
    }
    return new Report(copied, kept, problems);
  }
}
