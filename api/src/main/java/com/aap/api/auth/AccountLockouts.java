package com.aap.api.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Failed sign-ins per email address, in PostgreSQL ({@code sign_in_failures}) so that every API instance
 * sees the same lockout. An attempt is counted before its password is checked, in one statement, so a burst
 * of concurrent guesses cannot all slip under the limit; a successful sign-in clears the count.
 */
final class AccountLockouts {

  /** An attempt's place in its window, or how long the address stays locked (seconds, 0 when not). */
  record Attempt(int number, long lockedSeconds) {
  }

  private static final String ATTEMPT = """
      INSERT INTO sign_in_failures AS f (email_sha256, failures, window_started) VALUES ($1, 1, now())
      ON CONFLICT (email_sha256) DO UPDATE SET
        failures = CASE WHEN f.locked_until > now() THEN f.failures
                        WHEN f.window_started > now() - make_interval(mins => $2) THEN f.failures + 1
                        ELSE 1 END,
        window_started = CASE WHEN f.locked_until > now() OR f.window_started > now() - make_interval(mins => $2)
                              THEN f.window_started ELSE now() END,
        locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until END
      RETURNING failures, coalesce(ceil(extract(epoch FROM locked_until - now())), 0)::bigint AS locked_seconds""";
  private static final String LOCK = """
      UPDATE sign_in_failures SET locked_until = now() + make_interval(mins => $2)
       WHERE email_sha256 = $1 AND (locked_until IS NULL OR locked_until <= now())""";
  private static final String FORGIVE = """
      UPDATE sign_in_failures SET failures = failures - 1 WHERE email_sha256 = $1 AND failures > 0""";
  private static final String CLEAR = "DELETE FROM sign_in_failures WHERE email_sha256 = $1";
  private static final String SWEEP = """
      DELETE FROM sign_in_failures WHERE window_started < now() - make_interval(mins => $1)
         AND (locked_until IS NULL OR locked_until < now())""";

  private final Pool pool;
  private final int lockoutMinutes;

  AccountLockouts(Pool pool, int lockoutMinutes) {
    this.pool = pool;
    this.lockoutMinutes = lockoutMinutes;
  }

  Future<Attempt> attempt(String email) {
    return pool.preparedQuery(ATTEMPT).execute(Tuple.of(key(email), lockoutMinutes)).map(rows -> {
      Row row = rows.iterator().next();
      return new Attempt(row.getInteger("failures"), row.getLong("locked_seconds"));
    });
  }

  /** Locks the address; true when this call did (false: it was locked already, by a concurrent attempt). */
  Future<Boolean> lock(String email) {
    return pool.preparedQuery(LOCK).execute(Tuple.of(key(email), lockoutMinutes)).map(rows -> rows.rowCount() == 1);
  }

  /** Takes back an attempt that was never judged (no thread was free to check its password). */
  Future<Void> forgive(String email) {
    return pool.preparedQuery(FORGIVE).execute(Tuple.of((Object) key(email))).mapEmpty();
  }

  Future<Void> clear(String email) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of((Object) key(email))).mapEmpty();
  }

  /** Forgets windows and lockouts that have passed. */
  Future<Integer> sweep() {
    return pool.preparedQuery(SWEEP).execute(Tuple.of(lockoutMinutes)).map(rows -> rows.rowCount());
  }

  long lockoutSeconds() {
    return lockoutMinutes * 60L;
  }

  private static byte[] key(String email) {
    return Secrets.sha256(email);
  }
}
