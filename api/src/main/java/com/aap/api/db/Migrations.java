package com.aap.api.db;

import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations in classpath:db/migration. Blocking: never call it on an event loop. */
public final class Migrations {

  private Migrations() {
  }

  public static void migrate(String databaseUrl) {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
