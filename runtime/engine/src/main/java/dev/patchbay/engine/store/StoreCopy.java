package dev.patchbay.engine.store;

import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a home's file store (connections, webhook secret tokens, run records with their sealed resume values) into
 * a shared store, sealed under the same master key. Idempotent: what the target holds already is kept as it is,
 * never overwritten, since the target's tokens may have been refreshed since (writing the file's older refresh
 * token back would break the connection) and its runs may have been resumed since; the source is left untouched.
 */
public final class StoreCopy {

  /**
   * What a copy did.
   *
   * @param copied connection names, {@code webhook secret CONNECTOR} and {@code run RUN_ID} entries written to the
   *     target
   * @param kept those the target held already, left as they were
   * @param problems what could not be copied, each with its reason
   */
  public record Report(List<String> copied, List<String> kept, List<String> problems) {}

  private StoreCopy() {}

  /** What is copied from, or to. */
  public record Stores(StoredConnections connections, WebhookSecretStore webhookSecrets, RunRecords runs) {}

  public static Report copy(Stores from, Stores to) {
    StoredConnections fromConnections = from.connections();
    StoredConnections toConnections = to.connections();
    WebhookSecretStore fromSecrets = from.webhookSecrets();
    WebhookSecretStore toSecrets = to.webhookSecrets();
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
    copyRuns(from.runs(), to.runs(), copied, kept, problems);
    return new Report(copied, kept, problems);
  }

  /**
   * Each finished or interrupted run, record and sealed values as they are (the envelope is copied, never opened);
   * a run its process is running now is left for a later copy, since its record is still changing.
   */
  private static void copyRuns(RunRecords from, RunRecords to, List<String> copied, List<String> kept,
      List<String> problems) {
    RunRecords.Listing runs;
    try {
      runs = from.list(0, Integer.MAX_VALUE);
    } catch (RunRecordsException e) {
      problems.add(e.getMessage());
      return;
    }
    for (String id : runs.unreadable()) {
      problems.add("run " + id + ": " + from.location(id) + " is not a readable run record (patchbay runs show "
          + id + " says why)");
    }
    for (RunRecord run : runs.runs()) {
      String entry = "run " + run.id();
      try {
        if (run.status() == RunStatus.RUNNING) {
          problems.add(entry + ": it is running now; copy again once it ended");
        } else if (to.find(run.id()).isPresent()) {
          kept.add(entry);
        } else {
          Optional<byte[]> sealed = from.findSealed(run.id());
          if (sealed.isPresent()) {
            to.saveSealed(run.id(), sealed.get());
          }
          // The record last: a copy stopped in between leaves no record, so the next copy does it again whole.
          to.save(run);
          copied.add(entry);
        }
      } catch (RunRecordsException e) {
        problems.add(entry + ": " + e.getMessage());
      }
    }
  }
}
