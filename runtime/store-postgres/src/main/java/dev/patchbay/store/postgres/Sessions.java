package dev.patchbay.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.patchbay.engine.connections.ConnectionStore.LockedWork;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Database sessions for one kind of record: each statement runs on a pooled session in autocommit (so what a call
 * wrote is durable when it returns), except inside {@link #locked}, where the thread keeps the session that holds
 * the advisory lock and runs its statements there.
 */
final class Sessions {

  /** One statement, or a few, on a session. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection session) throws SQLException, StoreException;
  }

  private final HikariDataSource pool;
  private final String where;
  private final ThreadLocal<Connection> held = new ThreadLocal<>();
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  Sessions(HikariDataSource pool, String where) {
    this.pool = pool;
    this.where = where;
  }

  String where() {
    return where;
  }

  /**
   * Runs {@code work}; a failure of the database becomes a {@link StoreOutageException} saying what could not be done
   * and why (each work is one statement or transaction, so nothing of it happened).
   */
  <T> T run(String what, Work<T> work) throws StoreException {
    Connection bound = held.get();
    try {
      if (bound != null) {
        return work.run(bound);
      }
      try (Connection session = pool.getConnection()) {
        return work.run(session);
      }
    } catch (SQLException e) {
      throw new StoreOutageException(PostgresErrors.during(what, where, e), e);
    }
  }

  /**
   * Runs {@code work} holding the in-process lock of {@code key}, then PostgreSQL's session advisory lock of {@code
   * (lockClass, key)}: other processes wait at the same lock. The server releases it when the session ends, so a
   * killed holder never blocks the others. The in-process lock first keeps threads of one process from each taking
   * a pooled session only to wait.
   */
  <T, E extends Exception> T locked(int lockClass, String key, LockedWork<T, E> work) throws E, StoreException {
    ReentrantLock local = locks.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    Connection outer = held.get();
    Connection session = null;
    try {
      session = outer != null ? outer : pool.getConnection();
      advisory(session, "SELECT pg_advisory_lock(?, hashtext(?))", lockClass, key);
      held.set(session);
      try {
        return work.run();
      } finally {
        held.set(outer);
        release(session, lockClass, key);
      }
    } catch (SQLException e) {
      throw new StoreOutageException(PostgresErrors.during("lock " + key, where, e), e);
    } finally {
      if (outer == null && session != null) {
        closeQuietly(session);
      }
      local.unlock();
    }
  }

  private void release(Connection session, int lockClass, String key) {
    try {
      advisory(session, "SELECT pg_advisory_unlock(?, hashtext(?))", lockClass, key);
    } catch (SQLException e) {
      // A session that may still hold the lock must not go back to the pool: ending it releases the lock.
      pool.evictConnection(session);
    }
  }

  private static void advisory(Connection session, String sql, int lockClass, String key) throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(sql)) {
      statement.setInt(1, lockClass);
      statement.setString(2, key);
      statement.execute();
    }
  }

  private static void closeQuietly(Connection session) {
    try {
      session.close();
    } catch (SQLException e) {
      // Back to the pool or gone with the server: either way nothing of ours is left on it.
    }
  }
}
