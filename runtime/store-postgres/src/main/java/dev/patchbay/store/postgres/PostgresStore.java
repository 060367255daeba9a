package dev.patchbay.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.patchbay.engine.activities.ratelimit.RateLimitBuckets;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreLocation;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.webhooks.EventStore;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;

/**
 * The shared store on PostgreSQL: a small connection pool (HikariCP) and the schema Flyway keeps up to date at every
 * open; it also keeps the digest of the servers' API token and the workflow run records. Opening refuses, with what to fix and before anything is written, a server that cannot be reached, a
 * refused password, a read-only database, and a schema a newer Patchbay migrated.
 */
public final class PostgresStore implements SharedStore {

  private static final int POOL_SIZE = 8;
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final String location;
  private final HikariDataSource pool;
  private final Sessions sessions;
  private final PostgresRunRecords.SessionOpener unpooled;

  private PostgresStore(String location, HikariDataSource pool, PostgresRunRecords.SessionOpener unpooled) {
    this.location = location;
    this.pool = pool;
    this.sessions = new Sessions(pool, location);
    this.unpooled = unpooled;
  }

  static PostgresStore open(StoreLocation location) throws StoreUnavailableException {
    URI url = location.url();
    String jdbcUrl = "jdbc:postgresql://" + url.getRawAuthority().substring(url.getRawAuthority().indexOf('@') + 1)
        + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    String user = url.getRawUserInfo() != null ? URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8)
        : System.getProperty("user.name");
    String password = location.password().reveal();
    String where = location.toString();
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "patchbay");
    // One plain connection first: its failure is the user's to fix and gets a sentence, where a pool that fails to
    // start would log a stack trace of its own.
    try (Connection first = DriverManager.getConnection(jdbcUrl, properties)) {
      refuseReadOnly(first, where);
    } catch (SQLException e) {
      throw new StoreUnavailableException(PostgresErrors.opening(where, user, !password.isEmpty(), e));
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("patchbay-store");
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Schema.migrate(pool, where);
      Properties held = new Properties();
      held.putAll(properties);
      held.setProperty("tcpKeepAlive", "true");
      return new PostgresStore(where, pool, () -> DriverManager.getConnection(jdbcUrl, held));
    } catch (StoreUnavailableException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static void refuseReadOnly(Connection connection, String where)
      throws SQLException, StoreUnavailableException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_setting('transaction_read_only')")) {
      result.next();
      if ("on".equals(result.getString(1))) {
        throw new StoreUnavailableException("the database at " + where + " is read-only (transaction_read_only = "
            + "on, a standby or a read-only default): Patchbay writes connections and tokens there; point "
            + "PATCHBAY_STORE at the writable primary");
      }
    }
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public StoredConnections connections(SealedFiles sealing) {
    return new PostgresConnections(new Sessions(pool, location), sealing);
  }

  @Override
  public WebhookSecretStore webhookSecrets(SealedFiles sealing) {
    return new PostgresWebhookSecrets(new Sessions(pool, location), sealing);
  }

  @Override
  public EventStore webhookEvents(SealedFiles sealing, WebhookSettings settings, Clock clock) {
    return new PostgresEventStore(new Sessions(pool, location), sealing, settings, clock);
  }

  /** Each run this process runs holds a session of its own, outside the pool, for as long as it runs. */
  @Override
  public RunRecords runRecords() {
    return new PostgresRunRecords(new Sessions(pool, location), unpooled);
  }

  @Override
  public RateLimitBuckets rateLimitBuckets() {
    return new PostgresRateLimitBuckets(new Sessions(pool, location));
  }

  @Override
  public Optional<byte[]> apiTokenDigest() throws StoreException {
    return sessions.run("read the API token's digest", session -> {
      try (Statement statement = session.createStatement();
          ResultSet result = statement.executeQuery("SELECT digest FROM patchbay_api_token WHERE id = 1")) {
        return result.next() ? Optional.of(result.getBytes(1)) : Optional.<byte[]>empty();
      }
    });
  }

  @Override
  public boolean createApiTokenDigest(byte[] digest) throws StoreException {
    return sessions.run("keep the API token's digest", session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "INSERT INTO patchbay_api_token (id, digest) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
        statement.setBytes(1, digest);
        return statement.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void replaceApiTokenDigest(byte[] digest) throws StoreException {
    sessions.run("replace the API token's digest", session -> {
      try (PreparedStatement statement = session.prepareStatement(
          "INSERT INTO patchbay_api_token (id, digest) VALUES (1, ?) ON CONFLICT (id) "
              + "DO UPDATE SET digest = excluded.digest, updated_at = now()")) {
        statement.setBytes(1, digest);
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}
