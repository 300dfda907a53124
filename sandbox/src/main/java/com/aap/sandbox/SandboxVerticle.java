package com.aap.sandbox;

import com.aap.sandbox.commissions.CommissionDetailHandler;
import com.aap.sandbox.commissions.CommissionDetailSchema;
import com.aap.sandbox.control.Control;
import com.aap.sandbox.http.Errors;
import com.aap.sandbox.portal.Portal;
import com.aap.sandbox.portal.SignIn;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The sandbox's one HTTP server; the whole route table is here. */
final class SandboxVerticle extends VerticleBase {
  private static final long BODY_LIMIT = 1024 * 1024;

  private final SandboxConfig config;
  private final SandboxState state;
  private HttpServer server;

  SandboxVerticle(SandboxConfig config, SandboxState state) {
    this.config = config;
    this.state = state;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.route().handler(new Latency(vertx, state));

    SignIn signIn = new SignIn(state);
    router.get("/u/login").handler(signIn::identifierPage);
    router.post("/u/login/identifier").handler(signIn::identifier);
    router.post("/u/login/password").handler(signIn::password);
    router.post("/u/mfa-otp-challenge").handler(signIn::otp);
    router.post("/u/logout").handler(signIn::logout);
    router.post("/u/captcha").handler(signIn::captcha);
    router.post("/u/email-code").handler(signIn::emailCode);
    router.post("/u/confirm").handler(signIn::confirm);
    router.get("/auth/identifier").handler(signIn::identifierPage);
    router.post("/auth/identifier").handler(signIn::identifier);
    router.get("/auth/password").handler(signIn::passwordPage);
    router.post("/auth/password").handler(signIn::password);
    router.get("/auth/mfa").handler(signIn::otpPage);
    router.post("/auth/mfa").handler(signIn::otp);
    router.post("/auth/logout").handler(signIn::logout);

    Portal portal = new Portal(state);
    router.get("/").handler(portal::home);
    router.get("/account/personal-access-tokens").handler(portal::tokenPage);
    router.post("/account/personal-access-tokens").handler(portal::register);
    router.get("/account/personal-access-tokens/names").handler(portal::tokenNames);
    router.post("/account/company").handler(portal::switchCompany);
    router.get("/api/portal/me").handler(portal::me);
    router.put("/api/portal/active-company").handler(portal::switchCompany);
    router.post("/api/v2/access-tokens").handler(portal::register);

    CommissionDetailHandler commissions = new CommissionDetailHandler(vertx,
        CommissionDetailSchema.create(state.companies(), () -> state.settings().pageLimit()),
        state.tokens(), state.users(), state.faults());
    router.post("/query").handler(commissions::handle);

    if (config.controlEnabled()) {
      Control control = new Control(state);
      router.post("/_sandbox/companies").handler(control::createCompany);
      router.get("/_sandbox/companies/:cid/commission-count").handler(control::commissionCount);
      router.post("/_sandbox/companies/:cid/commissions").handler(control::addCommissions);
      router.post("/_sandbox/companies/:cid/corrections").handler(control::addCorrection);
      router.delete("/_sandbox/users/:email/companies/:cid").handler(control::removeUserFromCompany);
      router.post("/_sandbox/tokens/revoke").handler(control::revokeTokens);
      router.post("/_sandbox/users").handler(control::createUser);
      router.put("/_sandbox/users/:email/skin").handler(control::setUserSkin);
      router.get("/_sandbox/config").handler(control::config);
      router.put("/_sandbox/config").handler(control::updateConfig);
      router.get("/_sandbox/tokens").handler(control::listTokens);
      router.post("/_sandbox/tokens").handler(control::issueToken);
      router.get("/_sandbox/faults").handler(control::faults);
      router.put("/_sandbox/faults").handler(control::setFaults);
      router.delete("/_sandbox/faults").handler(control::clearFaults);
      router.get("/_sandbox/mailbox").handler(control::mailbox);
      router.get("/_sandbox/captcha").handler(control::captcha);
    }

    router.get().handler(portal::anyPage);
    router.route().last().handler(rc -> rc.fail(404));
    router.errorHandler(400, Errors::handle);
    router.errorHandler(404, Errors::handle);
    router.errorHandler(405, Errors::handle);
    router.errorHandler(413, Errors::handle);
    router.errorHandler(500, Errors::handle);

    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port())
        .onSuccess(s -> server = s);
  }

  int actualPort() {
    return server.actualPort();
  }
}
