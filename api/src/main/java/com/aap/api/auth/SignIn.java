package com.aap.api.auth;

import com.aap.api.AccessSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** {@code POST /api/session} signs in, {@code GET} says who is signed in, {@code DELETE} signs out. */
public final class SignIn {

  private static final Logger log = LoggerFactory.getLogger(SignIn.class);
  private static final String FIND = "SELECT id, role, password_hash FROM accounts WHERE email = $1";
  // Checked against when the email is unknown, so both failures take as long.
  private static final String DECOY = Passwords.hash("decoy password for unknown emails");

  private final Vertx vertx;
  private final Pool pool;
  private final Sessions sessions;
  private final AccessSettings settings;

  public SignIn(Vertx vertx, Pool pool, Sessions sessions, AccessSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.sessions = sessions;
    this.settings = settings;
  }

  public Future<Reply> signIn(RoutingContext rc) {
    Fields fields = new Fields(Bodies.object(rc));
    String email = fields.text("email", null, null);
    String password = fields.text("password", null, null);
    fields.check();
    String normalized = email.trim().toLowerCase();
    return pool.preparedQuery(FIND).execute(Tuple.of(normalized)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      String stored = row == null ? DECOY : row.getString("password_hash");
      return vertx.executeBlocking(() -> Passwords.matches(password, stored)).compose(ok -> {
        if (row == null || !ok) {
          log.info("sign-in refused for an account");
          throw new ApiException(401, "wrong_credentials", "wrong email or password");
        }
        UUID accountId = row.getUUID("id");
        return sessions.start(accountId).map(sessionId -> {
          rc.response().addCookie(cookie(sessionId, settings.sessionMaxHours() * 3600L));
          log.info("account {} signed in", accountId);
          return Reply.ok(me(normalized, row.getString("role"), sessionId));
        });
      });
    });
  }

  public Future<Reply> current(RoutingContext rc) {
    Principal principal = Principal.of(rc);
    String sessionId = rc.get(Authenticate.SESSION_ID);
    return Future.succeededFuture(Reply.ok(me(principal.actor(), principal.role(), sessionId)));
  }

  public Future<Reply> signOut(RoutingContext rc) {
    String sessionId = rc.get(Authenticate.SESSION_ID);
    rc.response().addCookie(cookie("", 0));
    return sessionId == null ? Future.succeededFuture(Reply.noContent())
        : sessions.end(sessionId).map(v -> Reply.noContent());
  }

  private static JsonObject me(String actor, String role, String sessionId) {
    return new JsonObject().put("actor", actor).put("role", role)
        .put("csrfToken", sessionId == null ? null : Secrets.csrfToken(sessionId));
  }

  private Cookie cookie(String value, long maxAgeSeconds) {
    return Cookie.cookie(Authenticate.COOKIE, value).setPath("/").setHttpOnly(true)
        .setSecure(settings.secureCookies()).setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
  }
}
