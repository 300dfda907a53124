package com.aap.api.http;

import com.aap.api.ApiConfig;
import com.aap.api.LimitSettings;
import com.aap.api.accounts.Accounts;
import com.aap.api.agentapi.AgentAuth;
import com.aap.api.agentapi.AgentKeys;
import com.aap.api.agentapi.Claims;
import com.aap.api.agentapi.Reports;
import com.aap.api.agentapi.TokenHandover;
import com.aap.api.audit.Audit;
import com.aap.api.auth.ApiKeys;
import com.aap.api.auth.Authenticate;
import com.aap.api.auth.PasswordWorkers;
import com.aap.api.auth.Sessions;
import com.aap.api.auth.SignIn;
import com.aap.api.batches.BatchEvents;
import com.aap.api.batches.Batches;
import com.aap.api.checks.PortalChecks;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Jobs;
import com.aap.api.live.LiveViews;
import com.aap.api.logins.CjLogins;
import com.aap.api.commissions.CjClient;
import com.aap.api.stores.CjAccessTokens;
import com.aap.api.stores.Stores;
import com.aap.api.vault.Vault;
import com.aap.api.web.StoreList;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;

/** Serves the REST API, the specialists' page and the agent protocol; creates the configured admin first. */
public final class HttpVerticle extends VerticleBase {

  /** A live view's frame: a JPEG of a few tens of KiB; room for a large screen's. */
  private static final int LIVE_FRAME_BYTES = 1024 * 1024;

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
    JobStore jobStore = new JobStore(config.jobs());
    LimitSettings limits = config.access().limits();
    Routes.Access access = access(limits);
    Routes.Features features = new Routes.Features(
        new CjLogins(pool, vault),
        new Stores(pool, config.sync().failuresReported()),
        new Jobs(vertx, pool, jobStore),
        new AgentAuth(new AgentKeys(pool, config.agentKeys())),
        new Claims(vertx, pool, jobStore, vault, config.jobs()),
        new Reports(pool, jobStore, config.jobs().takeOverWaitSeconds()),
        new TokenHandover(vertx, pool, jobStore, vault),
        access,
        new Batches(vertx, pool, jobStore),
        new BatchEvents(vertx, pool, access.authenticate(), limits),
        new StoreList(pool, config.sync().failuresReported()),
        new PortalChecks(vertx, pool, jobStore),
        new CjAccessTokens(vertx, pool, vault, new CjClient(vertx, config.cjCommissionsUrl())),
        new LiveViews(vertx, pool, jobStore, access.audit(), access.authenticate(), limits));
    return features.access().accounts().bootstrap(config.access())
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
                .setIdleTimeout(limits.httpIdleTimeoutSeconds())
                .setMaxWebSocketFrameSize(LIVE_FRAME_BYTES).setMaxWebSocketMessageSize(LIVE_FRAME_BYTES))
            .requestHandler(Routes.router(vertx, features,
                new RequestTimeout(limits.httpRequestTimeoutSeconds() * 1000L)))
            .listen(config.port())
        .onSuccess(server -> port = server.actualPort()));
  }

  private Routes.Access access(LimitSettings limits) {
    Sessions sessions = new Sessions(pool, config.access());
    ApiKeys keys = new ApiKeys(pool, config.access().adminApiKey());
    Audit audit = new Audit(pool);
    PasswordWorkers passwords = new PasswordWorkers(vertx, limits.passwordThreads(), limits.passwordQueue());
    return new Routes.Access(new Authenticate(keys, sessions),
        new SignIn(vertx, pool, sessions, config.access(), passwords, audit),
        new Accounts(pool, passwords), keys, audit);
  }

  public int port() {
    return port;
  }
}
