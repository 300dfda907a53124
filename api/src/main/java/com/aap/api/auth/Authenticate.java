package com.aap.api.auth;

import com.aap.api.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Base64;
import java.util.Set;

/**
 * In front of every /api route: an {@code Authorization: Bearer} API key, or the session cookie. A
 * session's state-changing requests must also carry its anti-forgery token in {@code X-CSRF-Token};
 * API keys need none (a browser never sends them on its own).
 */
public final class Authenticate implements Handler<RoutingContext> {

  public static final String COOKIE = "aap_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_ID = "aap.session";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final ApiKeys keys;
  private final Sessions sessions;

  public Authenticate(ApiKeys keys, Sessions sessions) {
    this.keys = keys;
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null) {
      String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
      keys.find(key).onSuccess(p -> admit(rc, p)).onFailure(rc::fail);
      return;
    }
    Cookie cookie = rc.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      rc.fail(unauthorized());
      return;
    }
    String sessionId = cookie.getValue();
    sessions.use(sessionId).onSuccess(p -> {
      if (p != null && !SAFE.contains(rc.request().method())
          && !Secrets.sameText(rc.request().getHeader(CSRF_HEADER), Secrets.csrfToken(sessionId))) {
        rc.fail(new ApiException(403, "csrf_token_invalid",
            "state-changing requests from the page need the session's " + CSRF_HEADER + " header"));
        return;
      }
      rc.put(SESSION_ID, sessionId);
      admit(rc, p);
    }).onFailure(rc::fail);
  }

  private static void admit(RoutingContext rc, Principal principal) {
    if (principal == null) {
      rc.fail(unauthorized());
      return;
    }
    rc.put(Principal.KEY, principal);
    rc.next();
  }

  /**
   * What admitted the request, for limits per credential: its session, or its API key (as a digest, so a
   * map of these holds no secret).
   */
  public static String credential(RoutingContext rc) {
    String sessionId = rc.get(SESSION_ID);
    if (sessionId != null) return "session " + Base64.getEncoder().encodeToString(Secrets.sha256(sessionId));
    return "key " + Base64.getEncoder().encodeToString(Secrets.sha256(bearer(rc)));
  }

  /**
   * Whether what admitted the request still would: its session not ended or expired (without extending it),
   * its API key not revoked. For responses that outlive the request, such as event streams.
   */
  public Future<Boolean> stillAdmits(RoutingContext rc) {
    String sessionId = rc.get(SESSION_ID);
    if (sessionId != null) return sessions.isLive(sessionId);
    return keys.find(bearer(rc)).map(p -> p != null);
  }

  private static String bearer(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
  }

  static ApiException unauthorized() {
    return new ApiException(401, "unauthorized", "sign in or present an API key (Authorization: Bearer KEY)");
  }

  /** Only admins pass: put in front of the routes that manage CJ logins, accounts and API keys. */
  public static Handler<RoutingContext> adminOnly() {
    return rc -> {
      if (Principal.of(rc).isAdmin()) {
        rc.next();
      } else {
        rc.fail(new ApiException(403, "forbidden", "only an admin may do this"));
      }
    };
  }
}
