package com.aap.api.batches;

/**
 * The batches feature's SQL. Every statement takes whole columns as arrays ({@code unnest}), so a batch
 * costs a handful of round trips whatever its size. Jobs are queued by {@link com.aap.api.jobs.JobStore},
 * on the same path as a single store's.
 */
final class BatchSql {

  private BatchSql() {
  }

  static final String LOGINS = """
      SELECT id, email FROM cj_logins WHERE id::text = ANY($1) OR lower(email) = ANY($1)""";

  static final String INSERT_BATCH = """
      INSERT INTO batches (id, created_by, total_rows, bad_rows) VALUES ($1, $2, $3, $4)""";

  static final String UPSERT_STORES = """
      INSERT INTO stores (id, name, cj_company_id, cj_login_id, agency_signed_on, agency_reference)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::date[], $6::text[])
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, cj_company_id = excluded.cj_company_id,
             cj_login_id = excluded.cj_login_id, agency_signed_on = excluded.agency_signed_on,
             agency_reference = excluded.agency_reference""";

  static final String INSERT_ROWS = """
      INSERT INTO batch_rows (batch_id, row_number, store_id, job_id)
      SELECT $1, r.n, r.store_id, r.job_id FROM unnest($2::int[], $3::text[], $4::uuid[]) AS r (n, store_id, job_id)""";

  static final String FIND_BATCH = "SELECT id, created_by, created_at, total_rows, bad_rows FROM batches WHERE id = $1";

  static final String ROWS = """
      SELECT r.row_number, r.store_id, s.name, j.id AS job_id, j.state, j.error_code, j.attempts
        FROM batch_rows r JOIN jobs j ON j.id = r.job_id JOIN stores s ON s.id = r.store_id
       WHERE r.batch_id = $1 ORDER BY r.row_number""";

  static final String LIST = """
      SELECT b.id, b.created_by, b.created_at, b.total_rows, jsonb_array_length(b.bad_rows) AS problems,
             count(r.row_number) AS rows,
             count(*) FILTER (WHERE j.state = 'succeeded') AS succeeded,
             count(*) FILTER (WHERE j.state IN ('failed', 'needs_attention')) AS failed,
             count(*) FILTER (WHERE j.state IN ('queued', 'running', 'waiting_for_person')) AS active
        FROM batches b LEFT JOIN batch_rows r ON r.batch_id = b.id LEFT JOIN jobs j ON j.id = r.job_id
       GROUP BY b.id ORDER BY b.created_at DESC LIMIT 50""";

  static final String VERIFIED_STORES = "SELECT id FROM stores WHERE id = ANY($1) AND token_verified_at IS NOT NULL";

  static final String RETRYABLE = """
      SELECT r.row_number, r.store_id, j.token_name, j.replace
        FROM batch_rows r JOIN jobs j ON j.id = r.job_id
       WHERE r.batch_id = $1 AND j.state IN ('failed', 'needs_attention')
       ORDER BY r.row_number
         FOR UPDATE OF r""";

  static final String RELINK_ROWS = """
      UPDATE batch_rows r SET job_id = u.job_id
        FROM unnest($2::int[], $3::uuid[]) AS u (n, job_id)
       WHERE r.batch_id = $1 AND r.row_number = u.n""";
}
