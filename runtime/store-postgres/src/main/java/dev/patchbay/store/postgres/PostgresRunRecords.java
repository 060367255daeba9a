package dev.patchbay.store.postgres;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.workflows.execution.RunIds;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.engine.workflows.runs.DrivenChange;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Run records in {@code patchbay_runs}. A running run is held by a database session of its own (not a pooled one),
 * opened for the run and holding PostgreSQL's session advisory lock of the run id for as long as it runs: the
 * server drops the lock with the session, the moment a killed process's connection closes, or, for a machine that
 * vanished, when the session's TCP keepalives go unanswered (set to about a minute on that session). Chosen over a
 * lease row renewed by a heartbeat: no thread to keep alive, no clocks to trust, no lease length to tune, and a
 * record is RUNNING exactly while its runner's session lives. The run's record and sealed values are written through
 * that same session, so a process that lost its session (and with it the run) can no longer overwrite the record of
 * a run another process has resumed since.
 *
 * <p>Hash collisions of run ids (32 bits) can make a free run read as held, never a held one as free.
 */
final class PostgresRunRecords implements RunRecords {

  /** The advisory lock class of runs ({@code 0x50420005}); connections use their own. */
  static final int LOCK_CLASS = 0x50420005;

  /** Whether a process holds the row's run now: its advisory lock is granted to a session of this database. */
  private static final String LIVE = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
      + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
      + " AND l.classid = " + LOCK_CLASS + "::oid AND l.objid = hashtext(r.id)::oid AND l.objsubid = 2)";

  private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();
  /** Records written by a later version may have more fields; they still list and show. */
  private static final ObjectReader READER = Json.MAPPER.readerFor(RunRecord.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Opens a session of its own for a held run. */
  @FunctionalInterface
  interface SessionOpener {
    Connection open() throws SQLException;
  }

  private final Sessions sessions;
  private final SessionOpener opener;
  /** The sessions holding this process's runs, by run id: their writes go through them. */
  private final Map<String, Connection> held = new ConcurrentHashMap<>();

  PostgresRunRecords(Sessions sessions, SessionOpener opener) {
    this.sessions = sessions;
    this.opener = opener;
  }

  @Override
  public String location() {
    return sessions.where();
  }

  @Override
  public String location(String runId) {
    return "run " + runId + " in " + sessions.where();
  }

  @Override
  public Held claim(Clock clock) {
    Connection session = openHolding("start a run");
    try {
      while (true) {
        String id = RunIds.next(clock);
        if (!tryLock(session, id)) {
          continue;
        }
        try (PreparedStatement insert = session.prepareStatement(
            "INSERT INTO patchbay_runs (id) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
          insert.setString(1, id);
          if (insert.executeUpdate() == 1) {
            return held(id, session);
          }
        }
        // An id recorded before whose run nobody holds: not ours to reuse.
        unlock(session, id);
      }
    } catch (SQLException e) {
      close(session);
      throw failure("start a run", e);
    }
  }

  @Override
  public Optional<Held> hold(String runId) {
    boolean elsewhere = query("read run " + runId, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT 1 FROM patchbay_runs WHERE id = ? AND driven_elsewhere")) {
        statement.setString(1, runId);
        try (ResultSet result = statement.executeQuery()) {
          return result.next();
        }
      }
    });
    if (elsewhere) {
      return Optional.empty();
    }
    Connection session = openHolding("hold run " + runId);
    try {
      if (tryLock(session, runId)) {
        return Optional.of(held(runId, session));
      }
    } catch (SQLException e) {
      close(session);
      throw failure("hold run " + runId, e);
    }
    close(session);
    return Optional.empty();
  }

  @Override
  public void save(RunRecord record) {
    byte[] json = WRITER.writeValueAsBytes(record);
    write(record.id(), "save the record of run " + record.id(),
        "INSERT INTO patchbay_runs (id, started_at, record) VALUES (?, ?, ?) ON CONFLICT (id) "
            + "DO UPDATE SET started_at = excluded.started_at, record = excluded.record, driven_elsewhere = false, "
            + "updated_at = now()",
        statement -> {
          statement.setTimestamp(2, record.startedAt() == null ? null : Timestamp.from(record.startedAt()));
          statement.setString(3, new String(json, StandardCharsets.UTF_8));
        });
  }

  /**
   * Reads the row and its change number, applies the change, and saves it only if the row still holds the number
   * read (a compare-and-set on {@code change_sequence}); when another process wrote in between, reads again.
   */
  @Override
  public boolean saveDrivenElsewhere(DrivenChange change) {
    String runId = change.runId();
    while (true) {
      Numbered stored = query("read run " + runId, session -> {
        try (PreparedStatement statement = session.prepareStatement("SELECT r.id, r.record, true, r.change_sequence"
            + " FROM patchbay_runs r WHERE r.id = ?")) {
          statement.setString(1, runId);
          try (ResultSet result = statement.executeQuery()) {
            return result.next() ? new Numbered(Optional.of(row(result)).filter(read -> read.json() != null),
                result.getObject(4, Long.class)) : new Numbered(Optional.empty(), null);
          }
        }
      });
      Optional<RunRecord> next = change.over(stored.row().map(this::record),
          stored.sequence() == null ? 0 : stored.sequence());
      if (next.isEmpty()) {
        return false;
      }
      RunRecord record = next.get();
      String json = new String(WRITER.writeValueAsBytes(record), StandardCharsets.UTF_8);
      int saved = query("save the record of run " + runId, session -> execute(session, runId,
          "INSERT INTO patchbay_runs (id, started_at, record, driven_elsewhere, change_sequence) "
              + "VALUES (?, ?, ?, true, ?) ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, "
              + "record = excluded.record, driven_elsewhere = true, change_sequence = excluded.change_sequence, "
              + "updated_at = now() WHERE patchbay_runs.change_sequence IS NOT DISTINCT FROM ?",
          statement -> {
            statement.setTimestamp(2, record.startedAt() == null ? null : Timestamp.from(record.startedAt()));
            statement.setString(3, json);
            statement.setLong(4, change.sequence());
            statement.setObject(5, stored.sequence(), Types.BIGINT);
          }));
      if (saved == 1) {
        return true;
      }
    }
  }

  @Override
  public void saveSealed(String runId, byte[] envelope) {
    write(runId, "save the sealed values of run " + runId,
        "INSERT INTO patchbay_runs (id, sealed) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET "
            + "sealed = excluded.sealed, updated_at = now()",
        statement -> statement.setBytes(2, envelope));
  }

  @Override
  public Optional<RunRecord> find(String runId) {
    if (!RunIds.isValid(runId)) {
      return Optional.empty();
    }
    Optional<Row> row = query("read run " + runId, session -> {
      try (PreparedStatement statement = session.prepareStatement("SELECT r.id, r.record, r.driven_elsewhere OR "
          + LIVE
          + " FROM patchbay_runs r WHERE r.id = ? AND r.record IS NOT NULL")) {
        statement.setString(1, runId);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? Optional.of(row(result)) : Optional.<Row>empty();
        }
      }
    });
    return row.map(this::record);
  }

  @Override
  public Optional<byte[]> findSealed(String runId) {
    if (!RunIds.isValid(runId)) {
      return Optional.empty();
    }
    return query("read the sealed values of run " + runId, session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT sealed FROM patchbay_runs WHERE id = ? AND sealed IS NOT NULL")) {
        statement.setString(1, runId);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? Optional.of(result.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  @Override
  public Listing list(int offset, int limit) {
    List<Row> rows = query("list runs", session -> {
      try (PreparedStatement statement = session.prepareStatement("SELECT r.id, r.record, r.driven_elsewhere OR "
          + LIVE
          + " FROM patchbay_runs r WHERE r.record IS NOT NULL ORDER BY r.started_at DESC NULLS LAST, r.id DESC"
          + " OFFSET ? LIMIT ?")) {
        statement.setInt(1, offset);
        statement.setInt(2, limit);
        List<Row> page = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            page.add(row(result));
          }
        }
        return page;
      }
    });
    List<RunRecord> runs = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Row row : rows) {
      try {
        runs.add(record(row));
      } catch (RunRecordsException e) {
        unreadable.add(row.id());
      }
    }
    return new Listing(runs, unreadable);
  }

  private record Row(String id, String json, boolean live) {}

  /** A row with a record or none, and the number of the last change saved to it (null: none numbered). */
  private record Numbered(Optional<Row> row, Long sequence) {}

  private static Row row(ResultSet result) throws SQLException {
    return new Row(result.getString(1), result.getString(2), result.getBoolean(3));
  }

  private RunRecord record(Row row) {
    RunRecord record;
    try {
      record = READER.readValue(row.json());
    } catch (JacksonException e) {
      throw new RunRecordsException("the run record " + location(row.id()) + " is not a run record: "
          + e.getOriginalMessage(), false, e);
    }
    return record.status() == RunStatus.RUNNING && !row.live() ? record.withStatus(RunStatus.INTERRUPTED) : record;
  }

  @FunctionalInterface
  private interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  /** Writes through the session holding the run when this process holds it, else through the pool. */
  private void write(String runId, String what, String sql, Parameters parameters) {
    Connection holding = held.get(runId);
    if (holding == null) {
      query(what, session -> execute(session, runId, sql, parameters));
      return;
    }
    synchronized (holding) {
      try {
        execute(holding, runId, sql, parameters);
      } catch (SQLException e) {
        throw new RunRecordsException("cannot " + what + ": " + PostgresErrors.during("keep holding run " + runId,
            sessions.where(), e) + "; once that session is gone the run reads INTERRUPTED and can be resumed",
            true, e);
      }
    }
  }

  private static int execute(Connection session, String runId, String sql, Parameters parameters)
      throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(sql)) {
      statement.setString(1, runId);
      parameters.set(statement);
      return statement.executeUpdate();
    }
  }

  private <T> T query(String what, Sessions.Work<T> work) {
    try {
      return sessions.run(what, work);
    } catch (StoreException e) {
      throw new RunRecordsException(e.getMessage(), true, e);
    }
  }

  private Held held(String runId, Connection session) {
    held.put(runId, session);
    return new Held() {
      @Override
      public String id() {
        return runId;
      }

      @Override
      public void close() {
        held.remove(runId, session);
        try {
          // Released before the session ends: the server ends a closed session a moment later, and another process
          // asking meanwhile would still see the run held.
          unlock(session, runId);
        } catch (SQLException e) {
          // Ending the session below releases the lock all the same.
        }
        PostgresRunRecords.close(session);
      }
    };
  }

  /**
   * A session of its own for a run this process is about to hold, with TCP keepalives on both ends so the server
   * notices within about a minute that the machine holding it is gone, and lets another process resume the run.
   */
  private Connection openHolding(String what) {
    Connection session;
    try {
      session = opener.open();
    } catch (SQLException e) {
      throw failure(what, e);
    }
    try (Statement statement = session.createStatement()) {
      statement.execute("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; "
          + "SET tcp_keepalives_count = 3");
      return session;
    } catch (SQLException e) {
      close(session);
      throw failure(what, e);
    }
  }

  private static boolean tryLock(Connection session, String runId) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      statement.setInt(1, LOCK_CLASS);
      statement.setString(2, runId);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection session, String runId) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
      statement.setInt(1, LOCK_CLASS);
      statement.setString(2, runId);
      statement.execute();
    }
  }

  private RunRecordsException failure(String what, SQLException e) {
    return new RunRecordsException(PostgresErrors.during(what, sessions.where(), e), true, e);
  }

  private static void close(Connection session) {
    try {
      session.close();
    } catch (SQLException e) {
      // The session is gone either way, and its locks with it.
    }
  }
}
