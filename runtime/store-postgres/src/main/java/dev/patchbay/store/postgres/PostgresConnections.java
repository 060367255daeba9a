package dev.patchbay.store.postgres;

import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionCodec;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;

/**
 * Connections in the {@code patchbay_connections} table: one row per connection holding the same sealed envelope
 * the file store writes (AES-256-GCM under the master key, bound to the connection id), so the database never sees
 * a credential and a row copied to another id fails to open.
 *
 * <p>Every write raises the row's {@code version}; a write of a connection this process read names the version it
 * read and is refused when another process wrote in between. {@link #locked} holds a PostgreSQL advisory lock for
 * the connection, which is how one refresh per expiry happens across processes: the token layer re-reads, refreshes
 * and writes inside it.
 */
final class PostgresConnections implements StoredConnections {

  /** The advisory-lock namespace of connections ("PB" and 1), apart from any other user of the database. */
  private static final int LOCK_CLASS = 0x50420001;

  private final Sessions sessions;
  private final SealedFiles sealing;
  /** The version of each row when this process last read or wrote it. */
  private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();
  /** What each name held when last read, without its credentials; see {@link #describe}. */
  private final ConcurrentHashMap<String, Seen> seenByName = new ConcurrentHashMap<>();

  private record Seen(String id, long version, Connection connection) {}

  private record Row(String id, long version, byte[] sealed) {}

  PostgresConnections(Sessions sessions, SealedFiles sealing) {
    this.sessions = sessions;
    this.sealing = sealing;
  }

  @Override
  public ConnectionStore.Listing list() {
    List<StoredConnection> connections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Row> rows;
    try {
      rows = sessions.run("list connections", session -> {
        try (PreparedStatement statement = session.prepareStatement(
            "SELECT id, version, sealed FROM patchbay_connections ORDER BY name, id")) {
          return rows(statement);
        }
      });
    } catch (StoreException e) {
      return new ConnectionStore.Listing(List.of(), List.of(e.getMessage()));
    }
    for (Row row : rows) {
      try {
        connections.add(open(row));
      } catch (StoreException e) {
        problems.add(e.getMessage());
      }
    }
    return new ConnectionStore.Listing(connections, problems);
  }

  @Override
  public Optional<StoredConnection> findByName(String name) throws StoreOutageException {
    List<Row> rows = find("find connection " + name, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT id, version, sealed FROM patchbay_connections WHERE name = ? ORDER BY id LIMIT 1")) {
        statement.setString(1, name);
        return rows(statement);
      }
    });
    try {
      return rows.isEmpty() ? Optional.empty() : Optional.of(open(rows.get(0)));
    } catch (StoreException e) {
      // A row this key cannot open: the listing names it (another master key, a damaged envelope).
      return Optional.empty();
    }
  }

  /**
   * Asks the database only for the row's id and version, and decrypts again only when another process changed it:
   * every activity run by connection name looks its connection up.
   */
  @Override
  public Optional<Connection> describe(String name) throws StoreOutageException {
    Seen seen = seenByName.get(name);
    if (seen != null) {
      Optional<Row> current = find("find connection " + name, session -> {
        try (PreparedStatement statement = session.prepareStatement(
            "SELECT id, version FROM patchbay_connections WHERE name = ? ORDER BY id LIMIT 1")) {
          statement.setString(1, name);
          try (ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(new Row(result.getString(1), result.getLong(2), null))
                : Optional.<Row>empty();
          }
        }
      });
      if (current.isPresent() && current.get().id().equals(seen.id()) && current.get().version() == seen.version()) {
        return Optional.of(seen.connection());
      }
    }
    return findByName(name).map(StoredConnection::connection);
  }

  /** A lookup whose only failure is the database's: a store outage, not an absent connection. */
  private <T> T find(String what, Sessions.Work<T> work) throws StoreOutageException {
    try {
      return sessions.run(what, work);
    } catch (StoreOutageException e) {
      throw e;
    } catch (StoreException e) {
      throw new StoreOutageException(e.getMessage(), e);
    }
  }

  @Override
  public StoredConnection read(String id) throws StoreException {
    List<Row> rows = sessions.run("read connection " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT id, version, sealed FROM patchbay_connections WHERE id = ?")) {
        statement.setString(1, id);
        return rows(statement);
      }
    });
    if (rows.isEmpty()) {
      throw new StoreException("no connection with id " + id);
    }
    return open(rows.get(0));
  }

  @Override
  public void write(StoredConnection stored) throws StoreException {
    String id = stored.id();
    String name = stored.connection().name();
    byte[] sealed = sealing.seal(id, ConnectionCodec.encode(stored));
    Long expected = versions.get(id);
    long written = sessions.run("write connection " + name, session -> {
      String sql = expected == null
          ? "INSERT INTO patchbay_connections (id, name, sealed, version) VALUES (?, ?, ?, 1) "
              + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, sealed = excluded.sealed, "
              + "version = patchbay_connections.version + 1, updated_at = now() RETURNING version"
          : "UPDATE patchbay_connections SET name = ?, sealed = ?, version = version + 1, updated_at = now() "
              + "WHERE id = ? AND version = ? RETURNING version";
      try (PreparedStatement statement = session.prepareStatement(sql)) {
        if (expected == null) {
          statement.setString(1, id);
          statement.setString(2, name);
          statement.setBytes(3, sealed);
        } else {
          statement.setString(1, name);
          statement.setBytes(2, sealed);
          statement.setString(3, id);
          statement.setLong(4, expected);
        }
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? result.getLong(1) : -1L;
        }
      }
    });
    if (written < 0) {
      versions.remove(id);
      throw new StoreException("connection '" + name + "' was changed or removed by another process since this one "
          + "read it; nothing was written: run the command again");
    }
    versions.put(id, written);
    seenByName.remove(name);
  }

  @Override
  public void delete(String id) throws StoreException {
    sessions.run("delete connection " + id, session -> {
      // Its rate-limit buckets go with it, in the same statement.
      try (PreparedStatement statement = session.prepareStatement("WITH buckets AS (DELETE FROM "
          + "patchbay_rate_limit_buckets WHERE connection_id = ?) DELETE FROM patchbay_connections WHERE id = ?")) {
        statement.setString(1, id);
        statement.setString(2, id);
        return statement.executeUpdate();
      }
    });
    versions.remove(id);
    seenByName.values().removeIf(seen -> seen.id().equals(id));
  }

  @Override
  public MasterKey key() {
    return sealing.key();
  }

  @Override
  public void markRefreshInFlight(String id) throws StoreException {
    setRefreshInFlight(id, true);
  }

  @Override
  public boolean refreshWasInFlight(String id) throws StoreException {
    return sessions.run("read the refresh journal of connection " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT refresh_in_flight FROM patchbay_connections WHERE id = ?")) {
        statement.setString(1, id);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() && result.getBoolean(1);
        }
      }
    });
  }

  @Override
  public void noteRefreshUnanswered(String id, String why) throws StoreException {
    sessions.run("journal the unanswered refresh of connection " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "UPDATE patchbay_connections SET refresh_in_flight = true, refresh_unanswered = ? WHERE id = ?")) {
        statement.setString(1, why);
        statement.setString(2, id);
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public Optional<String> unansweredRefresh(String id) throws StoreException {
    return sessions.run("read the refresh journal of connection " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT refresh_unanswered FROM patchbay_connections WHERE id = ? AND refresh_in_flight")) {
        statement.setString(1, id);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public void clearRefreshInFlight(String id) throws StoreException {
    setRefreshInFlight(id, false);
  }

  @Override
  public <T, E extends Exception> T locked(String id, ConnectionStore.LockedWork<T, E> work)
      throws E, StoreException {
    return sessions.locked(LOCK_CLASS, id, work);
  }

  private void setRefreshInFlight(String id, boolean inFlight) throws StoreException {
    sessions.run("journal the refresh of connection " + id, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "UPDATE patchbay_connections SET refresh_in_flight = ?, refresh_unanswered = NULL WHERE id = ?")) {
        statement.setBoolean(1, inFlight);
        statement.setString(2, id);
        return statement.executeUpdate();
      }
    });
  }

  private StoredConnection open(Row row) throws StoreException {
    String where = "connection " + row.id() + " in " + sessions.where();
    byte[] content = sealing.open(where, row.sealed(), row.id());
    StoredConnection stored;
    try {
      stored = ConnectionCodec.decode(content);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new StoreException(where + " decrypts but its content is not a connection ("
          + e.getClass().getSimpleName() + ")");
    }
    if (!stored.id().equals(row.id())) {
      throw new StoreException(where + " holds connection " + stored.id());
    }
    versions.put(row.id(), row.version());
    seenByName.put(stored.connection().name(), new Seen(row.id(), row.version(), stored.connection()));
    return stored;
  }

  private static List<Row> rows(PreparedStatement statement) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(new Row(result.getString(1), result.getLong(2), result.getBytes(3)));
      }
    }
    return rows;
  }
}
