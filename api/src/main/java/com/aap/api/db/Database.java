package com.aap.api.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Creates the shared connection pool. */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, String databaseUrl) {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host()).setPort(url.port()).setDatabase(url.database())
        .setUser(url.user()).setPassword(url.password())
        .setCachePreparedStatements(true);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(16).setShared(false))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }
}
