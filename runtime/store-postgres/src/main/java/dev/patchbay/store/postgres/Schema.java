package dev.patchbay.store.postgres;

import dev.patchbay.engine.store.StoreUnavailableException;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The store's tables, migrated by Flyway at every open ({@code db/migration} scripts in this jar, history in {@code
 * patchbay_schema_history}); Flyway's own lock makes processes starting together migrate once. A schema with
 * migrations this Patchbay does not know was written by a newer one: it is left alone and the open refused.
 */
final class Schema {

  static final String HISTORY_TABLE = "patchbay_schema_history";
  static final String MIGRATIONS = "classpath:dev/patchbay/store/postgres/migration";

  private Schema() {}

  static void migrate(DataSource pool, String where) throws StoreUnavailableException {
    Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
        .dataSource(pool)
        .locations(MIGRATIONS)
        .table(HISTORY_TABLE)
        .load();
    try {
      MigrationInfo[] future = Arrays.stream(flyway.info().applied())
          .filter(info -> info.getState() == MigrationState.FUTURE_SUCCESS
              || info.getState() == MigrationState.FUTURE_FAILED)
          .toArray(MigrationInfo[]::new);
      if (future.length > 0) {
        MigrationInfo newest = Arrays.stream(future).max(Comparator.comparing(MigrationInfo::getVersion)).get();
        throw new StoreUnavailableException("the store at " + where + " has schema version " + newest.getVersion()
            + ", newer than this Patchbay knows (" + latestKnown(flyway) + "): a newer Patchbay migrated it; "
            + "upgrade this one (nothing was changed)");
      }
      flyway.migrate();
    } catch (FlywayException e) {
      throw new StoreUnavailableException("cannot bring the store at " + where + " up to date: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static String latestKnown(Flyway flyway) {
    return Arrays.stream(flyway.info().all())
        .filter(info -> info.getState() != MigrationState.FUTURE_SUCCESS
            && info.getState() != MigrationState.FUTURE_FAILED)
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .map(Object::toString)
        .orElse("none");
  }
}
