package com.aap.api.stores;

/** The stores feature's SQL. */
final class StoreSql {

  private StoreSql() {
  }

  static final String LOGIN_EXISTS = "SELECT 1 FROM cj_logins WHERE id = $1";

  static final String INSERT = """
      INSERT INTO stores (id, name, cj_company_id, cj_login_id, agency_signed_on, agency_reference, auto_reprovision)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  static final String SET_AUTO_REPROVISION = "UPDATE stores SET auto_reprovision = $2 WHERE id = $1";

  static final String FIND = """
      SELECT s.id, s.name, s.cj_company_id, s.cj_login_id, s.agency_signed_on, s.agency_reference,
             s.token_last4, s.token_name, s.token_verified_at, s.token_job_id, s.auto_reprovision,
             s.token_entered_by, s.token_entered_at,
             """ + SyncView.COLUMNS + """
      ,
             (SELECT count(*) FROM commissions c WHERE c.store_id = s.id) AS commission_count,
             (SELECT max(r.finished_at) FROM commission_retrievals r
               WHERE r.store_id = s.id AND r.state = 'succeeded') AS last_retrieved_at,
             j.id AS job_id, j.state AS job_state,
             (SELECT COALESCE(json_agg(json_build_object('id', o.id, 'name', o.name, 'jobId', o.job_id, 'reason', o.reason,
                       'kept', o.token_enc IS NOT NULL,
                       'recordedAt', to_char(o.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                       ORDER BY o.id), '[]'::json)
                FROM possibly_orphaned_tokens o WHERE o.store_id = s.id AND o.revoked_at IS NULL) AS orphans
        FROM stores s
        LEFT JOIN store_syncs y ON y.store_id = s.id
        LEFT JOIN LATERAL (SELECT id, state FROM jobs WHERE store_id = s.id AND (kind = 'provision' OR register)
                           ORDER BY created_at DESC LIMIT 1) j ON true
       WHERE s.id = $1""";

  /** A person revoked the listed token in CJ: it leaves the store's list (a repeat keeps the first mark). */
  static final String MARK_REVOKED = """
      UPDATE possibly_orphaned_tokens SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $3)
       WHERE store_id = $1 AND id = $2
      RETURNING revoked_at, revoked_by""";

  static final String COMPANY = "SELECT cj_company_id FROM stores WHERE id = $1";

  static final String LOCK_TOKEN = "SELECT token_enc, token_name, token_job_id FROM stores WHERE id = $1 FOR UPDATE";

  /** A token entered by hand (and verified with CJ) becomes the store's current one: no job produced it. */
  static final String ENTER_TOKEN = """
      UPDATE stores SET token_enc = $2, token_last4 = $3, token_name = $4, token_verified_at = now(), token_job_id = NULL,
                        token_entered_by = $5, token_entered_at = now()
       WHERE id = $1""";
}
