package dev.patchbay.store.postgres;

import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import dev.patchbay.engine.webhooks.WebhookSecrets;
import dev.patchbay.store.postgres.testing.PostgresServer;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores the contract tests run against. Each {@link Opened} is one place; {@link Opened#process} opens it
 * again as another process would (its own pool, its own caches).
 */
enum StoreKind {
  FILES,
  POSTGRESQL;

  static final String MASTER_KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";

  /** One store, opened once or more; closing it closes every opening. */
  final class Opened implements AutoCloseable {
    final Path home;
    final String url;
    private final List<SharedStore> shared = new ArrayList<>();

    Opened(Path home, String url) {
      this.home = home;
      this.url = url;
    }

    StoreKind kind() {
      return StoreKind.this;
    }

    /** The store as one more process sees it. */
    ProcessView process() throws StoreException, StoreUnavailableException {
      SealedFiles sealing = new SealedFiles(MasterKey.fromBase64(MASTER_KEY, "test"));
      if (url == null) {
        return new ProcessView(new ConnectionStore(home.resolve("connections"), sealing),
            new WebhookSecrets(home.resolve("webhooks"), sealing), new FileRunRecords(home.resolve("runs")));
      }
      SharedStore store = StoreSelection.open(StoreSelection.location(url, "test",
          PostgresServer.environment(url)));
      shared.add(store);
      return new ProcessView(store.connections(sealing), store.webhookSecrets(sealing), store.runRecords());
    }

    /**
     * Makes the store unusable until the returned handle is closed: the connection folder replaced by a file (an
     * unmounted disk), or the database refusing every session.
     */
    AutoCloseable outage() throws Exception {
      if (url == null) {
        Path folder = home.resolve("connections");
        Path away = Files.move(folder, home.resolve("connections.away"));
        Files.writeString(folder, "not a folder");
        return () -> {
          Files.delete(folder);
          Files.move(away, folder);
        };
      }
      PostgresServer.get().execute("postgres", "ALTER DATABASE " + database() + " WITH ALLOW_CONNECTIONS false");
      PostgresServer.get().execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
          + "datname = '" + database() + "'");
      return () -> PostgresServer.get().execute("postgres", "ALTER DATABASE " + database()
          + " WITH ALLOW_CONNECTIONS true");
    }

    /** Replaces a run's record with text that is no run record, as a damaged disk or a bad hand edit would. */
    void damageRecord(String runId) throws Exception {
      if (url == null) {
        Files.writeString(home.resolve("runs").resolve(runId + ".json"), "{\"id\": ");
      } else {
        PostgresServer.get().execute(database(), "UPDATE patchbay_runs SET record = '{\"id\": ' WHERE id = '"
            + runId + "'");
      }
    }

    /** Everything the store holds of runs, as a dump of it would show it. */
    String dumpRuns() throws Exception {
      if (url == null) {
        StringBuilder dump = new StringBuilder();
        try (var files = Files.list(home.resolve("runs"))) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            dump.append(Files.readString(file));
          }
        }
        return dump.toString();
      }
      try (java.sql.Connection session = PostgresServer.get().connect(database());
          java.sql.Statement statement = session.createStatement();
          java.sql.ResultSet rows = statement.executeQuery(
              "SELECT coalesce(string_agg(r::text || encode(coalesce(r.sealed, ''), 'escape'), ''), '') "
                  + "FROM patchbay_runs r")) {
        rows.next();
        return rows.getString(1);
      }
    }

    private String database() {
      return url.substring(url.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
      shared.forEach(SharedStore::close);
    }
  }

  record ProcessView(StoredConnections connections, WebhookSecretStore webhookSecrets, RunRecords runs) {}

  Opened open(Path home) {
    return new Opened(home, this == POSTGRESQL ? PostgresServer.get().createDatabase() : null);
  }
}
