package com.aap.api.db;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Creates the shared connection pool. */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, String databaseUrl) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(16).setShared(false))
        .connectingTo(connectOptions(DatabaseUrl.parse(databaseUrl)))
        .using(vertx)
        .build();
  }

  /** How to connect to the database at {@code databaseUrl}: for a connection of one's own (LISTEN). */
  public static PgConnectOptions connectOptions(String databaseUrl) {
    return connectOptions(DatabaseUrl.parse(databaseUrl));
  }

  static PgConnectOptions connectOptions(DatabaseUrl url) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host()).setPort(url.port()).setDatabase(url.database())
        .setUser(url.user()).setPassword(url.password())
        .setCachePreparedStatements(true);
    if (url.sslMode() == null) return connect;
    SslMode mode = SslMode.of(url.effectiveSslMode());
    ClientSSLOptions ssl = new ClientSSLOptions();
    switch (mode) {
      case VERIFY_FULL -> ssl.setTrustOptions(new PemTrustOptions().addCertPath(url.sslRootCert()))
          .setHostnameVerificationAlgorithm("HTTPS");
      case VERIFY_CA -> ssl.setTrustOptions(new PemTrustOptions().addCertPath(url.sslRootCert()))
          .setHostnameVerificationAlgorithm("");
      default -> ssl.setTrustAll(true); // allow, prefer, require: encrypted, the server not checked (as libpq)
    }
    return connect.setSslMode(mode).setSslOptions(ssl);
  }
}
