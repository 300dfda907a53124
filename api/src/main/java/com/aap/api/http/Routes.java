package com.aap.api.http;

import com.aap.api.LimitSettings;
import com.aap.api.accounts.Accounts;
import com.aap.api.agentapi.AgentAuth;
import com.aap.api.agentapi.Claims;
import com.aap.api.agentapi.Reports;
import com.aap.api.agentapi.TokenHandover;
import com.aap.api.audit.Audit;
import com.aap.api.auth.ApiKeys;
import com.aap.api.auth.Authenticate;
import com.aap.api.auth.SignIn;
import com.aap.api.batches.BatchEvents;
import com.aap.api.batches.Batches;
import com.aap.api.checks.PortalChecks;
import com.aap.api.jobs.Jobs;
import com.aap.api.live.LiveViews;
import com.aap.api.logins.CjLogins;
import com.aap.api.stores.CjAccessTokens;
import com.aap.api.stores.Stores;
import com.aap.api.web.Page;
import com.aap.api.web.StoreList;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The whole route table. Cross-cutting handlers first (the request's deadline, its body held unread, the
 * page's files, sign-in, then authentication in front of every other /api route and only then the body
 * limit, the audit hooks, the admin-only guard), then the features. The agent protocol has its own key,
 * also checked before a body is read.
 */
public final class Routes {

  static final long BODY_LIMIT_BYTES = 64 * 1024;
  static final long BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
  /** A failure report may carry a screenshot (a base64 PNG of up to 2 MiB). */
  static final long FAILURE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
  /** A portal check's report may carry up to 16 MiB of screenshots, base64-encoded. */
  static final long CHECK_REPORT_BODY_LIMIT_BYTES = 24 * 1024 * 1024;

  private Routes() {
  }

  /** What a feature handler does with a request: a reply, or a failed future for {@link Errors}. */
  @FunctionalInterface
  public interface Action {
    Future<Reply> handle(RoutingContext rc);
  }

  public record Features(CjLogins logins, Stores stores, Jobs jobs, AgentAuth agentAuth, Claims claims,
                         Reports reports, TokenHandover tokens, Access access, Batches batches,
                         BatchEvents batchEvents, StoreList storeList, PortalChecks checks,
                         CjAccessTokens storeTokens, LiveViews live) {
  }

  /** Sign-in, accounts, API keys and the audit log. */
  public record Access(Authenticate authenticate, SignIn signIn, Accounts accounts, ApiKeys apiKeys, Audit audit) {
  }

  public static Router router(Vertx vertx, Features f, RequestTimeout timeout) {
    Router router = Router.router(vertx);
    router.route().handler(timeout);
    router.route().handler(new UnreadBodies());
    Handler<RoutingContext> bodies = bodyLimits();
    router.route().failureHandler(Errors::handle);
    router.errorHandler(404, Errors::handle);
    router.errorHandler(405, Errors::handle);
    Page.mount(router);

    Access a = f.access();
    router.get("/api/health").handler(act(rc -> Future.succeededFuture(Reply.ok(new JsonObject().put("status", "ok")))));
    router.post("/api/session").handler(a.signIn()::screen).handler(bodies).handler(act(a.signIn()::signIn));
    router.route("/api/*").handler(a.authenticate());
    router.get("/api/jobs/:id/live").handler(f.live()::specialist); // a WebSocket: upgraded before any body handler
    router.route("/api/*").handler(bodies);
    router.get("/api/session").handler(act(a.signIn()::current));
    router.delete("/api/session").handler(act(a.signIn()::signOut));

    Audit audit = a.audit();
    router.post("/api/stores/:id/provision").handler(audit.on("store.provision", rc -> "store:" + rc.pathParam("id")));
    router.post("/api/stores/:id/possibly-orphaned-tokens/:n/revoked").handler(audit.on("store.token_revoked",
        rc -> "store:" + rc.pathParam("id") + "/possibly-orphaned-token:" + rc.pathParam("n")));
    router.put("/api/stores/:id/cj-access-token").handler(audit.on("store.token_entered",
        rc -> "store:" + rc.pathParam("id"), Audit.answered("cjAccessToken", "replaced")));
    router.put("/api/stores/:id/sync-policy").handler(audit.on("store.sync_policy", rc -> "store:" + rc.pathParam("id"),
        Audit.answered("autoReprovision")));
    router.post("/api/jobs/:id/retry").handler(audit.on("job.retry", rc -> "job:" + rc.pathParam("id")));
    router.post("/api/jobs/:id/cancel").handler(audit.on("job.cancel", rc -> "job:" + rc.pathParam("id")));
    router.post("/api/jobs/:id/give-up").handler(audit.on("job.give_up", rc -> "job:" + rc.pathParam("id")));
    router.post("/api/stores").handler(audit.on("store.create", Audit.answeredId("store:"),
        Audit.answered("name", "cjCompanyId", "cjLoginId")));
    router.post("/api/batches").handler(audit.on("batch.create", rc -> "batch:" + rc.get("aap.batchId"),
        Audit.answered("rows", "accepted")));
    router.post("/api/batches/:id/retry-failed").handler(audit.on("batch.retry_failed",
        rc -> "batch:" + rc.pathParam("id")));
    router.post("/api/cj-logins").handler(audit.on("cj_login.create", Audit.answeredId("cj-login:"),
        Audit.answered("email", "hasTotp")));
    router.post("/api/cj-logins/:id/portal-checks").handler(audit.on("portal_check.create",
        rc -> "job:" + rc.get(PortalChecks.CHECK_ID)));
    router.post("/api/accounts").handler(audit.on("account.create", Audit.answeredId("account:"),
        Audit.answered("email", "role")));
    router.post("/api/api-keys").handler(audit.on("api_key.create", Audit.answeredId("api-key:"),
        Audit.answered("name", "role")));
    router.delete("/api/api-keys/:id").handler(audit.on("api_key.revoke", rc -> "api-key:" + rc.pathParam("id")));
    router.post("/api/accounts/:id/disable").handler(audit.on("account.disable", Audit.answeredId("account:"),
        Audit.answered("email", "sessionsEnded")));
    router.post("/api/accounts/:id/enable").handler(audit.on("account.enable", Audit.answeredId("account:"),
        Audit.answered("email")));
    router.post("/api/accounts/:id/password").handler(audit.on("account.password_set", Audit.answeredId("account:"),
        Audit.answered("email", "sessionsEnded")));
    router.delete("/api/accounts/:id/sessions").handler(audit.on("account.sessions_end", Audit.answeredId("account:"),
        Audit.answered("email", "sessionsEnded")));
    router.post("/api/agent-keys").handler(audit.on("agent_key.create", Audit.answeredId("agent-key:"),
        Audit.answered("name")));
    router.delete("/api/agent-keys/:id").handler(audit.on("agent_key.revoke", rc -> "agent-key:" + rc.pathParam("id")));

    router.route("/api/cj-logins*").handler(Authenticate.adminOnly());
    router.route("/api/accounts*").handler(Authenticate.adminOnly());
    router.route("/api/api-keys*").handler(Authenticate.adminOnly());
    router.route("/api/agent-keys*").handler(Authenticate.adminOnly());

    router.get("/api/cj-logins").handler(act(f.logins()::list));
    router.post("/api/cj-logins").handler(act(f.logins()::create));
    router.post("/api/cj-logins/:id/portal-checks").handler(act(f.checks()::create));
    router.get("/api/accounts").handler(act(a.accounts()::list));
    router.post("/api/accounts").handler(act(a.accounts()::create));
    router.post("/api/accounts/:id/disable").handler(act(a.accounts()::disable));
    router.post("/api/accounts/:id/enable").handler(act(a.accounts()::enable));
    router.post("/api/accounts/:id/password").handler(act(a.accounts()::setPassword));
    router.delete("/api/accounts/:id/sessions").handler(act(a.accounts()::endSessions));
    router.get("/api/api-keys").handler(act(a.apiKeys()::list));
    router.post("/api/api-keys").handler(act(a.apiKeys()::create));
    router.delete("/api/api-keys/:id").handler(act(a.apiKeys()::revoke));
    router.get("/api/agent-keys").handler(act(f.agentAuth().keys()::list));
    router.post("/api/agent-keys").handler(act(f.agentAuth().keys()::create));
    router.delete("/api/agent-keys/:id").handler(act(f.agentAuth().keys()::revoke));
    router.get("/api/audit").handler(act(audit::list));

    router.get("/api/stores").handler(act(f.storeList()::list));
    router.post("/api/stores").handler(act(f.stores()::create));
    router.get("/api/stores/:id").handler(act(f.stores()::get));
    router.post("/api/stores/:id/provision").handler(act(f.jobs()::provision));
    router.post("/api/stores/:id/possibly-orphaned-tokens/:n/revoked").handler(act(f.stores()::markRevoked));
    router.put("/api/stores/:id/cj-access-token").handler(act(f.storeTokens()::enter));
    router.put("/api/stores/:id/sync-policy").handler(act(f.stores()::setSyncPolicy));
    router.get("/api/jobs/:id").handler(act(f.jobs()::get));
    router.get("/api/jobs/:id/screenshot").handler(f.jobs()::screenshot);
    router.post("/api/jobs/:id/retry").handler(act(f.jobs()::retry));
    router.post("/api/jobs/:id/cancel").handler(act(f.jobs()::cancel));
    router.post("/api/jobs/:id/give-up").handler(act(f.live()::giveUp));
    router.post("/api/batches").handler(act(f.batches()::create));
    router.get("/api/batches").handler(act(f.batches()::list));
    router.get("/api/batches/:id").handler(act(f.batches()::get));
    router.get("/api/batches/:id/events").handler(f.batchEvents());
    router.post("/api/batches/:id/retry-failed").handler(act(f.batches()::retryFailed));
    router.get("/api/portal-checks/:id").handler(act(f.checks()::get));
    router.get("/api/portal-checks/:id/screenshots/:n").handler(f.checks()::screenshot);

    router.route("/agent/v1/*").handler(f.agentAuth());
    router.get("/agent/v1/jobs/:id/live").handler(f.live()::agent); // a WebSocket, like the page's
    router.route("/agent/v1/*").handler(bodies);
    router.post("/agent/v1/jobs/claim").handler(timeout.atLeast(LimitSettings.LONG_POLL_SECONDS * 1000L));
    router.post("/agent/v1/jobs/claim").handler(act(f.claims()::claim));
    router.post("/agent/v1/jobs/:id/sign-in-slot").handler(act(f.reports()::signInSlot));
    router.post("/agent/v1/jobs/:id/steps").handler(act(f.reports()::step));
    router.post("/agent/v1/jobs/:id/checkpoint").handler(act(f.reports()::checkpoint));
    router.post("/agent/v1/jobs/:id/heartbeat").handler(act(f.reports()::heartbeat));
    router.post("/agent/v1/jobs/:id/one-time-code").handler(act(f.claims()::oneTimeCode));
    router.post("/agent/v1/jobs/:id/token").handler(act(f.tokens()::handOver));
    router.post("/agent/v1/jobs/:id/failure").handler(act(f.reports()::failure));
    router.post("/agent/v1/jobs/:id/wait-for-person").handler(act(f.reports()::waitForPerson));
    router.post("/agent/v1/jobs/:id/resume").handler(act(f.reports()::resume));
    router.post("/agent/v1/jobs/:id/check-report").handler(act(f.reports()::checkReport));
    return router;
  }

  /** 64 KiB for every body but a batch upload and an agent's failure and check reports (which carry screenshots). */
  private static Handler<RoutingContext> bodyLimits() {
    BodyHandler small = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    BodyHandler batch = BodyHandler.create(false).setBodyLimit(BATCH_BODY_LIMIT_BYTES);
    BodyHandler failure = BodyHandler.create(false).setBodyLimit(FAILURE_BODY_LIMIT_BYTES);
    BodyHandler checkReport = BodyHandler.create(false).setBodyLimit(CHECK_REPORT_BODY_LIMIT_BYTES);
    return rc -> {
      String path = rc.normalizedPath();
      if (path.equals("/api/batches")) {
        batch.handle(rc);
      } else if (path.startsWith("/agent/v1/jobs/") && path.endsWith("/failure")) {
        failure.handle(rc);
      } else if (path.startsWith("/agent/v1/jobs/") && path.endsWith("/check-report")) {
        checkReport.handle(rc);
      } else {
        small.handle(rc);
      }
    };
  }

  private static Handler<RoutingContext> act(Action action) {
    return rc -> {
      Future<Reply> reply;
      try {
        Fields.checkParams(rc);
        reply = action.handle(rc);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onSuccess(r -> send(rc, r)).onFailure(rc::fail);
    };
  }

  private static void send(RoutingContext rc, Reply reply) {
    HttpServerResponse response = rc.response();
    if (response.closed() || response.ended()) return;
    rc.put(Reply.SENT, reply);
    response.setStatusCode(reply.status()).putHeader("Cache-Control", "no-store");
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(reply.body().encode());
    }
  }
}
