package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
import com.aap.sandbox.accounts.Sessions;
import com.aap.sandbox.accounts.User;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sign-in flow: identifier, password, then (for users with a TOTP secret) the one-time code. */
public final class SignIn {
  static final String WRONG_CREDENTIALS = "Wrong email or password.";
  static final String INVALID_CODE = "Invalid code.";
  private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

  private final SandboxState state;

  public SignIn(SandboxState state) {
    this.state = state;
  }

  public void identifierPage(RoutingContext rc) {
    Html.send(rc, 200, LoginPages.identifier(returnTo(rc.request().getParam("returnTo")), "", null));
  }

  public void identifier(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String email = form(rc, "username").trim();
    if (email.isEmpty()) {
      Html.send(rc, 400, LoginPages.identifier(returnTo, "", "Email address is required."));
      return;
    }
    Html.send(rc, 200, LoginPages.password(returnTo, email, null));
  }

  public void password(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String email = form(rc, "username").trim();
    Optional<User> user = state.users().find(email).filter(u -> u.passwordMatches(form(rc, "password")));
    if (user.isEmpty()) {
      LOG.info("Sign-in rejected: wrong email or password");
      Html.send(rc, 400, LoginPages.password(returnTo, email, WRONG_CREDENTIALS));
    } else if (state.faults().captcha(email)) {
      Html.send(rc, 200, LoginPages.captcha());
    } else if (user.get().hasTotp() || state.faults().secondFactor(email)) {
      Html.send(rc, 200, LoginPages.otp(returnTo, state.pendingLogins().start(user.get()), null));
    } else {
      signedIn(rc, user.get(), returnTo);
    }
  }

  public void otp(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String pending = form(rc, "state");
    Optional<User> user = state.pendingLogins().email(pending).flatMap(state.users()::find);
    if (user.isEmpty()) {
      rc.redirect("/u/login?returnTo=" + Urls.encode(returnTo));
      return;
    }
    if (!user.get().hasTotp() || !state.totp().verify(user.get().totpSecret(), form(rc, "code"))) {
      LOG.info("Sign-in rejected: invalid one-time code");
      Html.send(rc, 400, LoginPages.otp(returnTo, pending, INVALID_CODE));
      return;
    }
    state.pendingLogins().finish(pending);
    signedIn(rc, user.get(), returnTo);
  }

  public void logout(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(Sessions.COOKIE);
    if (cookie != null) {
      state.sessions().close(cookie.getValue());
    }
    rc.response().addCookie(sessionCookie("").setMaxAge(0));
    rc.redirect("/");
  }

  private void signedIn(RoutingContext rc, User user, String returnTo) {
    rc.response().addCookie(sessionCookie(state.sessions().open(user)));
    LOG.info("Signed in {}", user.email());
    rc.redirect(returnTo);
  }

  private static Cookie sessionCookie(String value) {
    return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX);
  }

  private static String returnTo(String candidate) {
    return Urls.safeReturnTo(candidate);
  }

  private static String form(RoutingContext rc, String name) {
    HttpServerRequest request = rc.request();
    String value = request.getFormAttribute(name);
    return value == null ? "" : value;
  }
}
