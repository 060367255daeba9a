package dev.patchbay.store.postgres;

import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One connection's bucket of one category, in a row every process shares. Each permit is one statement (the
 * {@code patchbay_take_permit} function of the V4 migration, V7's since: lock the row, scale it to the caller's limit
 * when the limit changed, refill it by the database's clock, take),
 * rather than permits leased to each process in batches: a lease would let one process sit on permits another needs,
 * lose them with a killed process, and bend the pacing of per-second limits; one statement costs a round trip to the
 * database, which is small next to the provider's own (BENCHMARKS.md measures both).
 */
final class PostgresBucket implements RateLimitBucket {

  private static final int MAX_SLOWDOWN = 32;

  private final Sessions sessions;
  private final String connectionId;
  private final String category;
  private final RateLimit limit;
  /** Whether this process last saw the bucket slowed down, so that plenty remaining writes only to lift that. */
  private volatile boolean slowed;

  PostgresBucket(Sessions sessions, String connectionId, String category, RateLimit limit) {
    this.sessions = sessions;
    this.connectionId = connectionId;
    this.category = category;
    this.limit = limit;
  }

  @Override
  public RateLimit limit() {
    return limit;
  }

  @Override
  public Optional<Duration> reserve(Instant now, Duration maxWait) throws StoreException {
    Duration wait = call(true, maxWait);
    return wait.compareTo(maxWait) <= 0 ? Optional.of(wait) : Optional.empty();
  }

  @Override
  public Duration timeUntilFree(Instant now) throws StoreException {
    return call(false, Duration.ZERO);
  }

  private Duration call(boolean take, Duration maxWait) throws StoreException {
    double seconds = sessions.run("take a '" + category + "' permit", session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "SELECT patchbay_take_permit(?, ?, ?, ?, ?, ?)")) {
        statement.setString(1, connectionId);
        statement.setString(2, category);
        statement.setDouble(3, limit.burst());
        statement.setDouble(4, limit.ratePerSecond());
        statement.setDouble(5, maxWait.toNanos() / 1e9);
        statement.setBoolean(6, take);
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          return result.getDouble(1);
        }
      }
    });
    return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
  }

  @Override
  public void observe(long remaining, long providerLimit) {
    if (RateLimitBucket.low(remaining, providerLimit)) {
      throttle();
    } else if (slowed && RateLimitBucket.plenty(remaining, providerLimit)) {
      update("UPDATE patchbay_rate_limit_buckets SET slowdown = 1 WHERE connection_id = ? AND category = ?");
      slowed = false;
    }
  }

  @Override
  public void throttle() {
    // A bucket no permit was taken from yet is created slowed down.
    update("INSERT INTO patchbay_rate_limit_buckets AS b (connection_id, category, tokens, updated_at, slowdown) "
        + "VALUES (?, ?, 0, clock_timestamp(), 2) ON CONFLICT (connection_id, category) DO UPDATE SET "
        + "slowdown = LEAST(b.slowdown * 2, " + MAX_SLOWDOWN + "), tokens = LEAST(b.tokens, 0)");
    slowed = true;
  }

  private void update(String sql) {
    try {
      sessions.run("tell the '" + category + "' bucket what the provider said", session -> {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
          statement.setString(1, connectionId);
          statement.setString(2, category);
          return statement.executeUpdate();
        }
      });
    } catch (StoreException e) {
      // What the provider said of its counters is advice: the next answer says it again, and the permits
      // themselves still keep to the limit.
    }
  }
}
