package com.aap.api.auth;

import com.aap.api.AccessSettings;
import com.aap.api.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Sessions in PostgreSQL, keyed by the SHA-256 of their id; each use extends them up to the maximum age. A
 * disabled account's sessions are refused even before they are deleted.
 */
public final class Sessions {

  /** Only for an account that is not disabled: checked in the same statement that starts the session. */
  private static final String INSERT = """
      INSERT INTO sessions (id_sha256, account_id, expires_at)
      SELECT $1::bytea, id, now() + make_interval(mins => $3) FROM accounts WHERE id = $2 AND disabled_at IS NULL""";

  private static final String TOUCH = """
      WITH s AS (
        UPDATE sessions SET expires_at = LEAST(now() + make_interval(mins => $2), created_at + make_interval(hours => $3))
         WHERE id_sha256 = $1 AND expires_at > now()
        RETURNING account_id)
      SELECT a.email, a.role FROM s JOIN accounts a ON a.id = s.account_id WHERE a.disabled_at IS NULL""";

  private static final String LIVE = "SELECT 1 FROM sessions WHERE id_sha256 = $1 AND expires_at > now()";
  private static final String DELETE = "DELETE FROM sessions WHERE id_sha256 = $1";
  private static final String DELETE_ALL = "DELETE FROM sessions WHERE account_id = $1";
  private static final String DELETE_EXPIRED = "DELETE FROM sessions WHERE expires_at <= now()";

  private final Pool pool;
  private final AccessSettings settings;

  public Sessions(Pool pool, AccessSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /**
   * Starts a session for the account; returns its id (the cookie's value), which is stored only hashed.
   * A disabled account gets none: 403 {@code account_disabled}.
   */
  Future<String> start(UUID accountId) {
    String id = Secrets.random("s_");
    return pool.query(DELETE_EXPIRED).execute()
        .compose(v -> pool.preparedQuery(INSERT).execute(
            Tuple.of(Secrets.sha256(id), accountId, settings.sessionIdleMinutes())))
        .map(rows -> {
          if (rows.rowCount() != 1) {
            throw new ApiException(403, "account_disabled", "this account is disabled; an admin can enable it");
          }
          return id;
        });
  }

  /** The session's account, or null when it is unknown or expired. */
  Future<Principal> use(String id) {
    return pool.preparedQuery(TOUCH)
        .execute(Tuple.of(Secrets.sha256(id), settings.sessionIdleMinutes(), settings.sessionMaxHours()))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row row = rows.iterator().next();
          return new Principal(row.getString("email"), row.getString("role"), true);
        });
  }

  /** Whether the session is still on, without counting this as a use (a stream open on a page is no use). */
  Future<Boolean> isLive(String id) {
    return pool.preparedQuery(LIVE).execute(Tuple.of((Object) Secrets.sha256(id))).map(rows -> rows.size() == 1);
  }

  Future<Void> end(String id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of((Object) Secrets.sha256(id))).mapEmpty();
  }

  /**
   * Ends every session of the account (an admin disabled it, set its password or signed it out); returns how
   * many. Static, as it needs no session settings: the accounts feature runs it in its own transaction.
   */
  public static Future<Integer> endAll(SqlClient client, UUID accountId) {
    return client.preparedQuery(DELETE_ALL).execute(Tuple.of(accountId)).map(rows -> rows.rowCount());
  }
}
