package com.aap.api.accounts;

import com.aap.api.auth.PasswordWorkers;
import com.aap.api.auth.Principal;
import com.aap.api.auth.Sessions;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * What an admin does to an account: disable it (it cannot sign in, its sessions end), enable it, set a new
 * password (its sessions end) and end its sessions. Each answers the account and how many sessions ended.
 */
final class AccountControls {

  private static final Logger log = LoggerFactory.getLogger(AccountControls.class);
  private static final String RETURNING = " RETURNING " + Accounts.COLUMNS;
  private static final String DISABLE =
      "UPDATE accounts SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1" + RETURNING;
  private static final String ENABLE = "UPDATE accounts SET disabled_at = NULL WHERE id = $1" + RETURNING;
  private static final String SET_PASSWORD = "UPDATE accounts SET password_hash = $2 WHERE id = $1" + RETURNING;
  private static final String FIND = "SELECT " + Accounts.COLUMNS + " FROM accounts WHERE id = $1";

  private final Pool pool;
  private final PasswordWorkers passwords;

  AccountControls(Pool pool, PasswordWorkers passwords) {
    this.pool = pool;
    this.passwords = passwords;
  }

  /** {@code POST /api/accounts/{id}/disable}; an admin's own account is refused (409 {@code own_account}). */
  Future<Reply> disable(RoutingContext rc) {
    UUID id = accountId(rc);
    return pool.withTransaction(conn -> conn.preparedQuery(FIND).execute(Tuple.of(id)).compose(found -> {
      String email = account(found, id).getString("email");
      if (email.equals(Principal.of(rc).actor())) {
        throw ApiException.conflict("own_account", "an admin cannot disable their own account; ask another admin");
      }
      return change(conn, DISABLE, Tuple.of(id), true);
    })).onSuccess(r -> log.info("account {} disabled", id));
  }

  /** {@code POST /api/accounts/{id}/enable}. */
  Future<Reply> enable(RoutingContext rc) {
    UUID id = accountId(rc);
    return pool.withTransaction(conn -> change(conn, ENABLE, Tuple.of(id), false))
        .onSuccess(r -> log.info("account {} enabled", id));
  }

  /** {@code POST /api/accounts/{id}/password} {@code {password}}: the old password and the sessions stop working. */
  Future<Reply> setPassword(RoutingContext rc) {
    UUID id = accountId(rc);
    Fields fields = new Fields(Bodies.object(rc));
    String password = fields.text("password", Accounts.PASSWORD, Accounts.PASSWORD_RULE);
    fields.check();
    return passwords.hash(password)
        .compose(hash -> pool.withTransaction(conn -> change(conn, SET_PASSWORD, Tuple.of(id, hash), true)))
        .onSuccess(r -> log.info("account {}: password set by an admin, sessions ended", id));
  }

  /** {@code DELETE /api/accounts/{id}/sessions}: signs the account out everywhere. */
  Future<Reply> endSessions(RoutingContext rc) {
    UUID id = accountId(rc);
    return pool.withTransaction(conn -> conn.preparedQuery(FIND).execute(Tuple.of(id))
            .compose(found -> answer(conn, account(found, id), true)))
        .onSuccess(r -> log.info("account {}: sessions ended by an admin", id));
  }

  /** Runs the update (404 when no account has the id), then ends the sessions if asked. */
  private static Future<Reply> change(SqlConnection conn, String sql, Tuple params, boolean endSessions) {
    UUID id = params.getUUID(0);
    return conn.preparedQuery(sql).execute(params).compose(rows -> answer(conn, account(rows, id), endSessions));
  }

  private static Future<Reply> answer(SqlConnection conn, Row account, boolean endSessions) {
    Future<Integer> ended = endSessions ? Sessions.endAll(conn, account.getUUID("id")) : Future.succeededFuture(0);
    return ended.map(n -> Reply.ok(Accounts.toJson(account).put("sessionsEnded", n)));
  }

  private static Row account(RowSet<Row> rows, UUID id) {
    if (rows.size() != 1) throw ApiException.notFound("account " + id);
    return rows.iterator().next();
  }

  private static UUID accountId(RoutingContext rc) {
    String value = rc.pathParam("id");
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) return id;
    } catch (IllegalArgumentException ignored) {
      // below
    }
    throw ApiException.notFound("account " + value);
  }
}
