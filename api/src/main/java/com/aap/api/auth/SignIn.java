package com.aap.api.auth;

import com.aap.api.AccessSettings;
import com.aap.api.audit.Audit;
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

import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /api/session} signs in, {@code GET} says who is signed in, {@code DELETE} signs out.
 *
 * <p>A sign-in must be JSON (a form posted from another site cannot sign a browser in to an attacker's
 * account). Before its password is checked, the attempt is counted against its client address (in memory)
 * and its email address (in PostgreSQL); one past either limit is refused 429 with {@code Retry-After} and
 * locks the address for {@code SIGN_IN_LOCKOUT_MINUTES}, each lockout an audit entry. Password checks run
 * on {@link PasswordWorkers}; a hash made with fewer iterations than today's is replaced on success.
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
  private final Audit audit;
  private final AccountLockouts accounts;
  private final AddressLimits addresses;
  private final SignInsInFlight inFlight;

  public SignIn(Vertx vertx, Pool pool, Sessions sessions, AccessSettings settings, PasswordWorkers passwords,
                Audit audit) {
    this.pool = pool;
    this.sessions = sessions;
    this.settings = settings;
    this.passwords = passwords;
    this.audit = audit;
    this.accounts = new AccountLockouts(pool, settings.limits().signInLockoutMinutes());
    this.addresses = new AddressLimits(settings.limits().signInMaxFailuresPerIp(),
        settings.limits().signInLockoutMinutes());
    this.inFlight = new SignInsInFlight(settings.limits().passwordThreads());
    vertx.setPeriodic(60_000, id -> {
      addresses.sweep();
      accounts.sweep().onFailure(e -> log.warn("cannot sweep sign-in failures: {}", e.toString()));
    });
  }

  /** In front of the body: a sign-in that is not JSON, or from a locked address, is refused unread. */
  public void screen(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      rc.fail(new ApiException(415, "unsupported_media_type", "sign in with Content-Type: application/json"));
      return;
    }
    long locked = addresses.lockedSeconds(clientAddress(rc));
    if (locked > 0) {
      rc.fail(tooMany(locked));
      return;
    }
    rc.next();
  }

  public Future<Reply> signIn(RoutingContext rc) {
    Fields fields = new Fields(Bodies.object(rc));
    String email = fields.text("email", null, null);
    String password = fields.text("password", null, null);
    fields.check();
    String normalized = email.trim().toLowerCase();
    String address = clientAddress(rc);
    long addressLocked = addresses.lockedSeconds(address);
    if (addressLocked > 0) return Future.failedFuture(tooMany(addressLocked));
    if (!inFlight.enter(address, normalized)) {
      return Future.failedFuture(ApiException.retryAfter(429, "sign_in_in_progress",
          "a sign-in for this account or from this address is being checked; try again in a moment", 1));
    }
    return limitAndCheck(rc, normalized, password, address).andThen(done -> inFlight.leave(address, normalized));
  }

  private Future<Reply> limitAndCheck(RoutingContext rc, String normalized, String password, String address) {
    int fromAddress = addresses.attempt(address);
    if (fromAddress > addresses.max()) return lockAddress(address).compose(v -> Future.failedFuture(tooMany(
        addresses.lockoutSeconds())));
    return accounts.attempt(normalized).compose(attempt -> {
      if (attempt.lockedSeconds() > 0) return Future.failedFuture(tooMany(attempt.lockedSeconds()));
      if (attempt.number() > settings.limits().signInMaxFailures()) {
        return lockAccount(normalized, address).compose(v -> Future.failedFuture(tooMany(accounts.lockoutSeconds())));
      }
      return check(rc, normalized, password, address, attempt.number(), fromAddress);
    });
  }

  private Future<Reply> check(RoutingContext rc, String email, String password, String address, int attempt,
                              int fromAddress) {
    return pool.preparedQuery(FIND).execute(Tuple.of(email)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      String stored = row == null ? DECOY : row.getString("password_hash");
      return passwords.matches(password, stored)
          .recover(busy -> {
            addresses.forgive(address);
            return accounts.forgive(email).compose(v -> Future.failedFuture(busy));
          })
          .compose(ok -> row != null && ok ? succeed(rc, row, email, password, address)
              : fail(email, address, attempt, fromAddress));
    });
  }

  private Future<Reply> succeed(RoutingContext rc, Row row, String email, String password, String address) {
    addresses.forgive(address);
    UUID accountId = row.getUUID("id");
    return accounts.clear(email)
        .compose(v -> rehashIfOld(accountId, password, row.getString("password_hash")))
        .compose(v -> sessions.start(accountId))
        .compose(sessionId -> record(email, "sign_in", target(email), address, new JsonObject()).map(v -> {
          rc.response().addCookie(cookie(sessionId, settings.sessionMaxHours() * 3600L));
          log.info("account {} signed in", accountId);
          return Reply.ok(me(email, row.getString("role"), sessionId));
        }));
  }

  private Future<Reply> fail(String email, String address, int attempt, int fromAddress) {
    log.info("sign-in refused for an account");
    Future<Void> locks = record("ip " + address, "sign_in.failed", target(email), address,
        new JsonObject().put("attempt", attempt));
    if (attempt >= settings.limits().signInMaxFailures()) locks = locks.compose(v -> lockAccount(email, address));
    if (fromAddress >= addresses.max()) locks = locks.compose(v -> lockAddress(address));
    return locks.compose(v -> Future.failedFuture(
        new ApiException(401, "wrong_credentials", "wrong email or password")));
  }

  private Future<Void> lockAccount(String email, String address) {
    return accounts.lock(email).compose(locked -> {
      if (!locked) return Future.succeededFuture();
      log.warn("sign-ins for an account locked for {} min after {} failures",
          settings.limits().signInLockoutMinutes(), settings.limits().signInMaxFailures());
      return record("ip " + address, "sign_in.locked", target(email), address,
          lockDetail(settings.limits().signInMaxFailures()));
    });
  }

  private Future<Void> lockAddress(String address) {
    if (!addresses.lock(address)) return Future.succeededFuture();
    log.warn("sign-ins from {} locked for {} min after {} failures", address,
        settings.limits().signInLockoutMinutes(), addresses.max());
    return record("ip " + address, "sign_in.locked", "ip:" + AddressLimits.key(address), address,
        lockDetail(addresses.max()));
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

  private JsonObject lockDetail(int failures) {
    return new JsonObject().put("failures", failures).put("minutes", settings.limits().signInLockoutMinutes());
  }

  /** Written before the answer, so the log has it once the caller sees the outcome; a failure is only logged. */
  private Future<Void> record(String actor, String action, String target, String address, JsonObject detail) {
    return audit.record(actor, action, target, detail.put("ip", address)).recover(e -> {
      log.error("cannot record audit entry {} on {}: {}", action, target, e.toString());
      return Future.succeededFuture();
    });
  }

  private static ApiException tooMany(long seconds) {
    return ApiException.retryAfter(429, "too_many_sign_ins",
        "too many failed sign-ins; try again in " + Math.max(1, (seconds + 59) / 60) + " min", seconds);
  }

  /** The email as typed, lower-cased and made printable, for the audit log. */
  private static String target(String email) {
    String printable = email.replaceAll("\\p{Cntrl}", "?");
    return "account:" + (printable.length() > 320 ? printable.substring(0, 320) : printable);
  }

  static String clientAddress(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
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
