package com.aap.api.commissions;

/**
 * SQL of the recurring commission sync: {@code store_syncs} (one row per store with a token: schedule, lease,
 * cursor, outcome, token health) and {@code commission_retrievals} (one row per run).
 */
final class SyncSql {

  private SyncSql() {
  }

  /**
   * Claims up to $2 due stores for instance $1 under a lease of $3 seconds (a lapsed lease is a dead or stuck
   * instance's: taken over), works out each run's span (from the cursor minus $4 days, or the last $5 days
   * for a first run, to now) and logs the run: one row per store and scheduled moment, so a takeover of the
   * same moment counts on that row instead of adding one. Lock order, everywhere: the store's row before its
   * sync's (token verification holds the store's row); a store whose row is locked is skipped, not waited for.
   */
  static final String CLAIM = """
      WITH due AS (
        SELECT y.store_id FROM store_syncs y JOIN stores s ON s.id = y.store_id
         WHERE y.next_run_at <= now() AND y.token_health IN ('ok', 'refused') AND s.token_enc IS NOT NULL
           AND (y.lease_expires_at IS NULL OR y.lease_expires_at < now())
         ORDER BY y.next_run_at LIMIT $2
         FOR KEY SHARE OF s SKIP LOCKED FOR UPDATE OF y SKIP LOCKED),
      claimed AS (
        UPDATE store_syncs y SET claimed_by = $1, lease_expires_at = now() + $3::int * interval '1 second',
                                 lease_epoch = y.lease_epoch + 1, last_started_at = now()
          FROM due WHERE y.store_id = due.store_id
        RETURNING y.store_id, y.lease_epoch, y.next_run_at, y.cursor_at, y.refusals, y.first_refused_at,
                  y.reprovisioned_at),
      spans AS (
        SELECT c.*, date_trunc('second', now()) AS before,
               COALESCE(c.cursor_at - make_interval(days => $4::int),
                        date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $5::int))
                 AS since
          FROM claimed c),
      logged AS (
        INSERT INTO commission_retrievals AS r (store_id, state, since, before, started_at, scheduled_for, instance)
        SELECT store_id, 'running', since, before, now(), next_run_at, $1 FROM spans
        ON CONFLICT (store_id, scheduled_for) DO UPDATE
          SET state = 'running', since = EXCLUDED.since, before = EXCLUDED.before, started_at = now(), finished_at = NULL,
              instance = EXCLUDED.instance, takeovers = r.takeovers + 1, pages = 0, records = 0, inserted = 0, error = NULL
        RETURNING id, store_id)
      SELECT p.store_id, p.lease_epoch, p.next_run_at, p.since, p.before, p.cursor_at, p.refusals, p.first_refused_at,
             p.reprovisioned_at, l.id AS run_id, s.cj_company_id, s.token_enc, s.token_name,
             s.agency_signed_on IS NOT NULL AS agency_authorized, s.auto_reprovision
        FROM spans p JOIN logged l USING (store_id) JOIN stores s ON s.id = p.store_id""";

  /** Renews the leases of the runs instance $1 holds. */
  static final String HEARTBEAT = """
      UPDATE store_syncs SET lease_expires_at = now() + $3::int * interval '1 second'
       WHERE claimed_by = $1 AND store_id = ANY($2)""";

  static final String INSERT = """
      INSERT INTO commissions (store_id, commission_id, original_action_id, original, posting_date, action_status,
                               validation_status, order_id, sale_amount, commission_amount, cj_fee, record)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (store_id, commission_id) DO NOTHING""";

  /** In the insert's transaction, so the count is exact whatever happens to the run. */
  static final String HELD = "UPDATE store_syncs SET records_held = records_held + $2 WHERE store_id = $1";

  /**
   * A run's end: the store's row under the lease epoch it was claimed with ($1 store, $2 epoch, $9 next run),
   * and its log row ($3 state, $4 pages, $5 records, $6 inserted, $7 error, $8 run) only if that matched, so
   * one row count says whether the run still held its store.
   */
  private static String finish(String sets) {
    return "WITH sync AS (UPDATE store_syncs SET claimed_by = NULL, lease_expires_at = NULL, last_finished_at = now(),"
        + " next_run_at = $9, last_error = $7, " + sets + " WHERE store_id = $1 AND lease_epoch = $2 RETURNING 1)"
        + " UPDATE commission_retrievals SET state = $3, pages = $4, records = $5, inserted = $6, error = $7,"
        + " finished_at = now() WHERE id = $8 AND state = 'running' AND EXISTS (SELECT 1 FROM sync)";
  }

  private static final String HEALTHY_SINCE =
      "token_health_since = CASE WHEN token_health = 'ok' THEN token_health_since ELSE now() END";

  /** Read up to $10 (the cursor); the token worked. */
  static final String SUCCEEDED = finish("""
      cursor_at = $10, last_outcome = 'succeeded', last_succeeded_at = now(), consecutive_failures = 0,
      token_health = 'ok', refusals = 0, first_refused_at = NULL, """ + HEALTHY_SINCE);

  /** CJ did not answer, or answered oddly, after the retries. */
  static final String FAILED = finish("last_outcome = 'failed', consecutive_failures = consecutive_failures + 1");

  /** CJ refused the token: outcome $10, refusals $11 since $12, health $13. */
  static final String REFUSED = finish("""
      last_outcome = $10, consecutive_failures = consecutive_failures + 1, refusals = $11, first_refused_at = $12,
      token_health_since = CASE WHEN token_health = $13 THEN token_health_since ELSE now() END, token_health = $13""");

  /** Taken first in a transaction that will insert a row referring to the store (lock order: store, then sync). */
  static final String LOCK_STORE_KEY = "SELECT 1 FROM stores WHERE id = $1 FOR KEY SHARE";

  static final String REPROVISIONING = """
      UPDATE store_syncs SET reprovision_job_id = $2, reprovisioned_at = now() WHERE store_id = $1""";

  /**
   * A token was verified for the store: a sync is due at once (the first is the full retrieval), with the
   * token's health fresh, and a run of the old token still going is fenced out.
   */
  static final String SCHEDULE_NOW = """
      INSERT INTO store_syncs (store_id, next_run_at) VALUES ($1, now())
      ON CONFLICT (store_id) DO UPDATE
        SET next_run_at = now(), claimed_by = NULL, lease_expires_at = NULL, lease_epoch = store_syncs.lease_epoch + 1,
            refusals = 0, first_refused_at = NULL, consecutive_failures = 0,
            token_health_since = CASE WHEN store_syncs.token_health = 'ok' THEN store_syncs.token_health_since
                                      ELSE now() END,
            token_health = 'ok'""";
}
