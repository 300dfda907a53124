package com.aap.api;

import com.aap.api.db.Database;
import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.db.Migrations;
import com.aap.api.metrics.ApiMetrics;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The running API. {@link #start} blocks: embedded PostgreSQL when no DATABASE_URL is set, Flyway
 * migrations, then the verticles; it returns once the server listens.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Vertx vertx;
  private final EmbeddedDatabase embedded;
  private final int port;
  private final Router router;

  private ApiServer(Vertx vertx, EmbeddedDatabase embedded, int port, Router router) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.port = port;
    this.router = router;
  }

  public static ApiServer start(ApiConfig config) {
    config.validate();
    Vault vault = Vault.fromKeyset(config.vaultKeyset());
    EmbeddedDatabase embedded = config.databaseUrl() == null ? EmbeddedDatabase.start() : null;
    Vertx vertx = null;
    try {
      String url = embedded != null ? embedded.url() : config.databaseUrl();
      String schemaVersion = Migrations.migrate(url);
      ApiMetrics metrics = ApiMetrics.create(config.metrics());
      vertx = metrics.vertx();
      Pool pool = Database.pool(vertx, url);
      ApiVerticle main = new ApiVerticle(config, pool, vault, metrics, url, schemaVersion);
      await(vertx.deployVerticle(main));
      log.info("API listening on http://localhost:{} (database: {})", main.port(),
          embedded != null ? "embedded PostgreSQL" : "DATABASE_URL");
      return new ApiServer(vertx, embedded, main.port(), main.router());
    } catch (RuntimeException e) {
      if (vertx != null) await(vertx.close());
      if (embedded != null) embedded.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The route table the server answers with. */
  public Router router() {
    return router;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    try {
      await(vertx.close()); // undeploys the verticles, then closes the pool with it
    } finally {
      if (embedded != null) embedded.close();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
