package com.aap.api.commissions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Keeps the sync's run log ({@code commission_retrievals}, a row per store per run: 240,000 a day for 10,000
 * stores synced hourly) to the runs that ended in the last {@code SYNC_LOG_DAYS} days. A store's last
 * successful run stays whatever its age: it is the store's "last retrieved" time. Deleted {@value #BATCH}
 * rows a statement, so no statement holds many locks or runs long; every instance prunes, and a second
 * instance's delete finds nothing left to do.
 */
final class RunLog {

  static final int BATCH = 5_000;

  private static final String PRUNE = """
      DELETE FROM commission_retrievals WHERE id IN (
        SELECT r.id FROM commission_retrievals r
         WHERE r.finished_at < now() - make_interval(days => $1) AND r.state IN ('succeeded', 'failed')
           AND r.id IS DISTINCT FROM (SELECT max(l.id) FROM commission_retrievals l
                                       WHERE l.store_id = r.store_id AND l.state = 'succeeded')
         LIMIT $2)""";

  private RunLog() {
  }

  /** Deletes the runs that ended more than {@code keepDays} days ago; the number deleted. */
  static Future<Long> prune(Pool pool, int keepDays) {
    return prune(pool, keepDays, 0);
  }

  private static Future<Long> prune(Pool pool, int keepDays, long deletedSoFar) {
    return pool.preparedQuery(PRUNE).execute(Tuple.of(keepDays, BATCH)).compose(rows -> {
      long deleted = deletedSoFar + rows.rowCount();
      return rows.rowCount() < BATCH ? Future.succeededFuture(deleted) : prune(pool, keepDays, deleted);
    });
  }
}
