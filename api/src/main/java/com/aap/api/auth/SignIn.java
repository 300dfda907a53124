package com.aap.api.auth;

import com.aap.api.AccessSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
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

/**
 * {@code POST /api/session} signs in, {@code GET} says who is signed in, {@code DELETE} signs out. Password
 * checks run on {@link PasswordWorkers}; a hash made with fewer iterations than today's is replaced on success.
 */
public final class SignIn {

  private static final Logger log = LoggerFactory.getLogger(SignIn.class);
  private static final String FIND = "SELECT id, role, password_hash FROM accounts WHERE email = $1";
  private static final String REHASH = "UPDATE accounts SET password_hash = $2 WHERE id = $1 AND password_hash = $3";
  // Checked against when the email is unknown, so both failures take as long.
  private static final String DECOY = Passwords.hash("decoy password for unknown emails");

  private final Pool pool;
  private final Sessions sessions;
  private final AccessSettings settings;
  private final PasswordWorkers passwords;

  public SignIn(Pool pool, Sessions sessions, AccessSettings settings, PasswordWorkers passwords) {
    this.pool = pool;
    this.sessions = sessions;
    this.settings = settings;
    this.passwords = passwords;
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
      return passwords.matches(password, stored).compose(ok -> {
        if (row == null || !ok) {
          log.info("sign-in refused for an account");
          throw new ApiException(401, "wrong_credentials", "wrong email or password");
        }
        UUID accountId = row.getUUID("id");
        return rehashIfOld(accountId, password, stored).compose(v -> sessions.start(accountId)).map(sessionId -> {
          rc.response().addCookie(cookie(sessionId, settings.sessionMaxHours() * 3600L));
          log.info("account {} signed in", accountId);
          return Reply.ok(me(normalized, row.getString("role"), sessionId));
        });
      });
    });
  }

  /** Replaces a hash made with fewer iterations than today's; a password changed meanwhile is left alone. */
  private Future<Void> rehashIfOld(UUID accountId, String password, String stored) {
    if (!Passwords.needsRehash(stored)) return Future.succeededFuture();
    return passwords.hash(password)
        .compose(fresh -> pool.preparedQuery(REHASH).execute(Tuple.of(accountId, fresh, stored)))
        .map(rows -> {
          if (rows.rowCount() == 1) {
            log.info("account {}: password hash renewed at {} iterations", accountId, Passwords.ITERATIONS);
          } else {
            log.info("account {}: password changed while its hash was renewed; kept the new one", accountId);
          }
          return (Void) null;
        })
        .recover(e -> {
          log.warn("account {}: cannot renew its password hash now: {}", accountId, e.toString());
          return Future.succeededFuture();
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
