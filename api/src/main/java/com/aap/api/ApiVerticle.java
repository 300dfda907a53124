package com.aap.api;

import com.aap.api.commissions.CommissionSync;
import com.aap.api.commissions.TokenVerifier;
import com.aap.api.http.HttpVerticle;
import com.aap.api.jobs.ExpiredLeases;
import com.aap.api.jobs.JobStore;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/** Deploys the HTTP server and the background workers. */
final class ApiVerticle extends VerticleBase {

  private final ApiConfig config;
  private final Pool pool;
  private final Vault vault;
  private final HttpVerticle http;

  ApiVerticle(ApiConfig config, Pool pool, Vault vault) {
    this.config = config;
    this.pool = pool;
    this.vault = vault;
    this.http = new HttpVerticle(config, pool, vault);
  }

  @Override
  public Future<?> start() {
    JobStore jobs = new JobStore(config.jobs());
    return vertx.deployVerticle(new TokenVerifier(pool, jobs, vault, config.cjCommissionsUrl(), config.jobs()))
        .compose(id -> vertx.deployVerticle(new ExpiredLeases(pool, jobs, config.jobs())))
        .compose(id -> vertx.deployVerticle(http))
        .compose(id -> vertx.deployVerticle(new CommissionSync(pool, vault, config.cjCommissionsUrl(),
            config.retrievalDays(), config.jobs().retrievalDeadlineSeconds(), config.sync(), jobs, instanceName())));
  }

  /** This instance as its commission sync's runs and leases name it: host (or process) and HTTP port. */
  private String instanceName() {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "pid" + ProcessHandle.current().pid() : host) + ":" + http.port();
  }

  int port() {
    return http.port();
  }
}
