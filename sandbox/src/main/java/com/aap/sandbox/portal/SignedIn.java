package com.aap.sandbox.portal;

import com.aap.sandbox.SandboxState;
import com.aap.sandbox.accounts.Session;
import com.aap.sandbox.accounts.Sessions;
import com.aap.sandbox.accounts.User;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** The browser's session and user, from the {@code cj_session} cookie. */
record SignedIn(Session session, User user) {

  static Optional<SignedIn> of(RoutingContext rc, SandboxState state) {
    Cookie cookie = rc.request().getCookie(Sessions.COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    return state.sessions().find(cookie.getValue())
        .flatMap(session -> state.users().find(session.email()).map(user -> new SignedIn(session, user)));
  }
}
