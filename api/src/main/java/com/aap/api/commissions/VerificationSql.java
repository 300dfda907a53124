package com.aap.api.commissions;

/** SQL of token verification; the job's moves are {@link com.aap.api.jobs.JobStore}'s. */
final class VerificationSql {

  private VerificationSql() {
  }

  static final String UNVERIFIED = """
      SELECT c.job_id FROM captured_tokens c
       WHERE c.verified_at IS NULL AND c.verdict IS NULL
       ORDER BY c.captured_at LIMIT 100""";

  static final String LOAD = """
      SELECT c.token_enc, c.store_id, s.cj_company_id, COALESCE(c.name, j.registering_name, j.token_name) AS token_name
        FROM captured_tokens c JOIN jobs j ON j.id = c.job_id JOIN stores s ON s.id = c.store_id
       WHERE c.job_id = $1 AND c.verified_at IS NULL AND c.verdict IS NULL""";

  static final String VERDICT = "UPDATE captured_tokens SET verdict = $2 WHERE job_id = $1";

  /** The store's token is no longer a possible orphan, whichever attempt listed it. */
  static final String NOT_ORPHANED = "DELETE FROM possibly_orphaned_tokens WHERE store_id = $1 AND name = $2 AND token_enc IS NULL";

  static final String STORE_TOKEN = """
      UPDATE stores SET token_enc = $2, token_last4 = $3, token_name = $4, token_verified_at = now()
       WHERE id = $1""";

  static final String TOKEN_VERIFIED = """
      UPDATE captured_tokens SET verified_at = now() WHERE job_id = $1 AND verified_at IS NULL""";

  static final String QUEUE_RETRIEVAL = """
      INSERT INTO commission_retrievals (store_id, job_id, state) VALUES ($1, $2, 'queued')""";
}
