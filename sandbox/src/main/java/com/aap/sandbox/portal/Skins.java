package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
import com.aap.sandbox.Skin;
import com.aap.sandbox.accounts.User;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Which skin a request gets: a known user's own skin (else the configured one); before the user is known,
 * the {@code cj_skin} cookie left by the last user with a skin of their own (else the configured one). So a
 * signed-out page after a session expired keeps that user's look.
 */
final class Skins {
  static final String COOKIE = "cj_skin";

  private final SandboxState state;

  Skins(SandboxState state) {
    this.state = state;
  }

  /** The skin of a portal request: the signed-in user's, or as for an unknown user. */
  Skin of(RoutingContext rc) {
    return of(rc, SignedIn.of(rc, state).map(SignedIn::user));
  }

  Skin of(RoutingContext rc, Optional<User> user) {
    if (user.isPresent()) {
      return user.get().skin() != null ? user.get().skin() : state.settings().skin();
    }
    Cookie cookie = rc.request().getCookie(COOKIE);
    if (cookie != null) {
      try {
        return Skin.fromValue(cookie.getValue());
      } catch (IllegalArgumentException e) {
        // a stale or forged cookie: ignored
      }
    }
    return state.settings().skin();
  }

  /** Remembers the user's own skin for later signed-out pages, or forgets a previous user's. */
  void remember(RoutingContext rc, User user) {
    Cookie cookie = Cookie.cookie(COOKIE, user.skin() == null ? "" : user.skin().value()).setPath("/")
        .setHttpOnly(true).setSameSite(CookieSameSite.LAX);
    if (user.skin() == null) {
      if (rc.request().getCookie(COOKIE) == null) {
        return;
      }
      cookie.setMaxAge(0);
    } else {
      cookie.setMaxAge(30L * 24 * 3600);
    }
    rc.response().addCookie(cookie);
  }

  /**
   * Where the portal sends a browser to sign in: the {@code signInUrl} fault's URL if set, else the skin's
   * own first sign-in page; either way with {@code ?returnTo=}.
   */
  String signInUrl(Skin skin, String returnTo) {
    String foreign = state.faults().signInUrl();
    String base = foreign != null ? foreign : skin == Skin.B ? HostedSignInPages.IDENTIFIER : LoginPages.IDENTIFIER;
    return base + (base.contains("?") ? "&" : "?") + "returnTo=" + Urls.encode(Urls.safeReturnTo(returnTo));
  }
}
