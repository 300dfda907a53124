package com.aap.api.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Arrays;
import java.util.Objects;

/** Applies the Flyway migrations in classpath:db/migration. Blocking: never call it on an event loop. */
public final class Migrations {

  /** Where Flyway records what it applied; the readiness check reads it. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {
  }

  /** Migrates, and returns the latest version this build's migrations define (the schema it needs). */
  public static String migrate(String databaseUrl) {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
    Flyway flyway = Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .load();
    flyway.migrate();
    return Arrays.stream(flyway.info().all())
        .filter(m -> m.getState().isResolved())
        .map(MigrationInfo::getVersion)
        .filter(Objects::nonNull)
        .max(MigrationVersion::compareTo)
        .map(MigrationVersion::getVersion)
        .orElseThrow(() -> new IllegalStateException("no migrations in classpath:db/migration"));
  }
}
