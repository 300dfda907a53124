package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
import com.aap.sandbox.Skin;
import com.aap.sandbox.accounts.Sessions;
import com.aap.sandbox.accounts.User;
import com.aap.sandbox.portal.SignInPages.Problem;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in flow of every skin: identifier, password, then (for users with a TOTP secret) the one-time
 * code. The form handlers are shared; each step answers with the pages of the skin in effect, which is the
 * user's own from the identifier step on. Skin B's steps are separate pages: its handlers redirect to them.
 */
public final class SignIn {
  private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

  private final SandboxState state;
  private final Skins skins;

  public SignIn(SandboxState state) {
    this.state = state;
    this.skins = new Skins(state);
  }

  /** {@code GET /u/login} and {@code GET /auth/identifier}: a skin's first page, at its own path. */
  public void identifierPage(RoutingContext rc) {
    String returnTo = returnTo(rc.request().getParam("returnTo"));
    Skin skin = skins.of(rc, Optional.empty());
    String own = skin == Skin.B ? HostedSignInPages.IDENTIFIER : LoginPages.IDENTIFIER;
    if (!rc.normalizedPath().equals(own)) {
      rc.redirect(own + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    Html.send(rc, 200, SignInPages.of(skin).identifier(returnTo, "", null));
  }

  public void identifier(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String email = form(rc, "username").trim();
    Optional<User> user = state.users().find(email);
    user.ifPresent(u -> skins.remember(rc, u));
    Skin skin = skins.of(rc, user);
    if (email.isEmpty()) {
      Html.send(rc, 400, SignInPages.of(skin).identifier(returnTo, "", Problem.EMAIL_REQUIRED));
    } else if (user.isPresent() && state.faults().confirmIdentity(email)) {
      Html.send(rc, 200, PersonCheckPages.confirm(state.personChecks().confirmation(email), returnTo));
    } else {
      toPassword(rc, skin, email, returnTo);
    }
  }

  private static void toPassword(RoutingContext rc, Skin skin, String email, String returnTo) {
    if (skin == Skin.B) {
      rc.redirect(HostedSignInPages.PASSWORD + "?returnTo=" + Urls.encode(returnTo) + "&login_hint="
          + Urls.encode(email));
    } else {
      Html.send(rc, 200, SignInPages.of(skin).password(returnTo, email, null));
    }
  }

  /** {@code POST /u/confirm}: "yes, it's me"; on to the password. */
  public void confirm(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    Optional<User> user = state.personChecks().pass(form(rc, "state"), null).flatMap(state.users()::find);
    if (user.isEmpty()) {
      rc.redirect(LoginPages.IDENTIFIER + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    toPassword(rc, skins.of(rc, user), user.get().email(), returnTo);
  }

  /** {@code POST /u/captcha}: the box ticked and the sum right, on with the sign-in; else a new CAPTCHA. */
  public void captcha(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String check = form(rc, "state");
    Optional<String> owner = state.personChecks().email(check);
    String answer = "yes".equals(form(rc, "human")) ? form(rc, "answer") : null;
    Optional<User> user = (answer == null ? Optional.<String>empty() : state.personChecks().pass(check, answer))
        .flatMap(state.users()::find);
    if (user.isPresent()) {
      afterPassword(rc, user.get(), returnTo);
    } else if (owner.isPresent()) {
      LOG.info("CAPTCHA not passed");
      Html.send(rc, 400, captchaPage(owner.get(), returnTo, true));
    } else {
      rc.redirect(LoginPages.IDENTIFIER + "?returnTo=" + Urls.encode(returnTo));
    }
  }

  /** {@code POST /u/email-code}: the code from the mailbox, then on with the sign-in. */
  public void emailCode(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String check = form(rc, "state");
    Optional<String> owner = state.personChecks().email(check);
    Optional<User> user = state.personChecks().pass(check, form(rc, "code")).flatMap(state.users()::find);
    if (user.isPresent()) {
      afterPassword(rc, user.get(), returnTo);
    } else if (owner.isPresent()) {
      LOG.info("Sign-in rejected: invalid e-mail code");
      Html.send(rc, 400, PersonCheckPages.emailCode(check, owner.get(), returnTo, true));
    } else {
      rc.redirect(LoginPages.IDENTIFIER + "?returnTo=" + Urls.encode(returnTo));
    }
  }

  private String captchaPage(String email, String returnTo, boolean again) {
    String check = state.personChecks().captcha(email);
    return PersonCheckPages.captcha(check, state.personChecks().sum(check), returnTo, again);
  }

  /** {@code GET /auth/password?login_hint=EMAIL}: skin B's password page. */
  public void passwordPage(RoutingContext rc) {
    String returnTo = returnTo(rc.request().getParam("returnTo"));
    String email = Optional.ofNullable(rc.request().getParam("login_hint")).orElse("").trim();
    if (email.isEmpty()) {
      rc.redirect(HostedSignInPages.IDENTIFIER + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    Html.send(rc, 200, HostedSignInPages.INSTANCE.password(returnTo, email, null));
  }

  public void password(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String email = form(rc, "username").trim();
    Optional<User> known = state.users().find(email);
    SignInPages pages = SignInPages.of(skins.of(rc, known));
    Optional<User> user = known.filter(u -> u.passwordMatches(form(rc, "password")));
    if (user.isEmpty()) {
      LOG.info("Sign-in rejected: wrong email or password");
      Html.send(rc, 400, pages.password(returnTo, email, Problem.WRONG_CREDENTIALS));
    } else if (state.faults().captcha(email)) {
      Html.send(rc, 200, captchaPage(user.get().email(), returnTo, false));
    } else if (state.faults().emailCode(email)) {
      String check = state.personChecks().emailCode(user.get().email());
      Html.send(rc, 200, PersonCheckPages.emailCode(check, user.get().email(), returnTo, false));
    } else {
      afterPassword(rc, user.get(), returnTo);
    }
  }

  /** The one-time code when the user has a TOTP secret (or the fault asks for one), else signed in. */
  private void afterPassword(RoutingContext rc, User user, String returnTo) {
    SignInPages pages = SignInPages.of(skins.of(rc, Optional.of(user)));
    if (user.hasTotp() || state.faults().secondFactor(user.email())) {
      String pending = state.pendingLogins().start(user);
      if (pages == HostedSignInPages.INSTANCE) {
        rc.redirect(HostedSignInPages.MFA + "?returnTo=" + Urls.encode(returnTo) + "&state=" + Urls.encode(pending));
      } else {
        Html.send(rc, 200, pages.otp(returnTo, pending, null));
      }
    } else {
      signedIn(rc, user, returnTo);
    }
  }

  /** {@code GET /auth/mfa?state=S}: skin B's one-time-code page. */
  public void otpPage(RoutingContext rc) {
    String returnTo = returnTo(rc.request().getParam("returnTo"));
    String pending = rc.request().getParam("state");
    if (state.pendingLogins().email(pending).isEmpty()) {
      rc.redirect(HostedSignInPages.IDENTIFIER + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    Html.send(rc, 200, HostedSignInPages.INSTANCE.otp(returnTo, pending, null));
  }

  public void otp(RoutingContext rc) {
    String returnTo = returnTo(form(rc, "returnTo"));
    String pending = form(rc, "state");
    Optional<User> user = state.pendingLogins().email(pending).flatMap(state.users()::find);
    if (user.isEmpty()) {
      String entry = skins.of(rc, user) == Skin.B ? HostedSignInPages.IDENTIFIER : LoginPages.IDENTIFIER;
      rc.redirect(entry + "?returnTo=" + Urls.encode(returnTo));
      return;
    }
    if (!user.get().hasTotp() || !state.totp().verify(user.get().totpSecret(), form(rc, "code"))) {
      LOG.info("Sign-in rejected: invalid one-time code");
      Html.send(rc, 400, SignInPages.of(skins.of(rc, user)).otp(returnTo, pending, Problem.INVALID_CODE));
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
    skins.remember(rc, user);
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
    String value = rc.request().getFormAttribute(name);
    return value == null ? "" : value;
  }
}
