package com.aap.api.http;

import com.aap.api.ApiConfig;
import com.aap.api.agentapi.AgentAuth;
import com.aap.api.agentapi.Claims;
import com.aap.api.agentapi.Reports;
import com.aap.api.agentapi.TokenHandover;
import com.aap.api.jobs.Jobs;
import com.aap.api.logins.CjLogins;
import com.aap.api.stores.Stores;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;

/** Serves the REST API and the agent protocol. */
public final class HttpVerticle extends VerticleBase {

  private final ApiConfig config;
  private final Pool pool;
  private final Vault vault;
  private volatile int port;

  public HttpVerticle(ApiConfig config, Pool pool, Vault vault) {
    this.config = config;
    this.pool = pool;
    this.vault = vault;
  }

  @Override
  public Future<?> start() {
    Routes.Features features = new Routes.Features(
        new CjLogins(pool, vault),
        new Stores(pool),
        new Jobs(vertx, pool, config.jobs().maxAttempts()),
        new AgentAuth(config.agentKeys()),
        new Claims(vertx, pool, vault),
        new Reports(pool),
        new TokenHandover(vertx, pool, vault));
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(Routes.router(vertx, features))
        .listen(config.port())
        .onSuccess(server -> port = server.actualPort());
  }

  public int port() {
    return port;
  }
}
