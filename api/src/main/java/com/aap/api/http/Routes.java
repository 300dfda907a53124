package com.aap.api.http;

import com.aap.api.agentapi.AgentAuth;
import com.aap.api.agentapi.Claims;
import com.aap.api.agentapi.Reports;
import com.aap.api.agentapi.TokenHandover;
import com.aap.api.jobs.Jobs;
import com.aap.api.logins.CjLogins;
import com.aap.api.stores.Stores;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** The whole route table. Cross-cutting handlers first (body limit, agent key), then the features. */
public final class Routes {

  static final long BODY_LIMIT_BYTES = 64 * 1024;

  private Routes() {
  }

  /** What a feature handler does with a request: a reply, or a failed future for {@link Errors}. */
  @FunctionalInterface
  public interface Action {
    Future<Reply> handle(RoutingContext rc);
  }

  public record Features(CjLogins logins, Stores stores, Jobs jobs, AgentAuth agentAuth, Claims claims,
                         Reports reports, TokenHandover tokens) {
  }

  public static Router router(Vertx vertx, Features f) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().failureHandler(Errors::handle);
    router.errorHandler(404, Errors::handle);
    router.errorHandler(405, Errors::handle);

    router.get("/api/health").handler(act(rc -> Future.succeededFuture(Reply.ok(new JsonObject().put("status", "ok")))));
    router.post("/api/cj-logins").handler(act(f.logins()::create));
    router.post("/api/stores").handler(act(f.stores()::create));
    router.get("/api/stores/:id").handler(act(f.stores()::get));
    router.post("/api/stores/:id/provision").handler(act(f.jobs()::provision));
    router.get("/api/jobs/:id").handler(act(f.jobs()::get));

    router.route("/agent/v1/*").handler(f.agentAuth());
    router.post("/agent/v1/jobs/claim").handler(act(f.claims()::claim));
    router.post("/agent/v1/jobs/:id/steps").handler(act(f.reports()::step));
    router.post("/agent/v1/jobs/:id/token").handler(act(f.tokens()::handOver));
    router.post("/agent/v1/jobs/:id/failure").handler(act(f.reports()::failure));
    return router;
  }

  private static Handler<RoutingContext> act(Action action) {
    return rc -> {
      Future<Reply> reply;
      try {
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
    response.setStatusCode(reply.status()).putHeader("Cache-Control", "no-store");
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(reply.body().encode());
    }
  }
}
